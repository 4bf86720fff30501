using System.CommandLine;
using Kelvin.Cli;

// kelvin: a thin command line over the Kelvin library. Each command lives in its own file under
// Commands/ and only parses options, calls the library and renders the result.
var root = new RootCommand("Kelvin: the thermodynamics of machine-learning systems — energy, entropy and temperature of training. The theory it implements: docs/theory.md in the Kelvin repository.");
foreach (Command command in CommandCatalog.All()) root.Subcommands.Add(command);
return CliRunner.Invoke(root, args);
