using BenchmarkDotNet.Running;

// Kelvin's micro-benchmarks: `dotnet run -c Release --project bench/Kelvin.Bench -- --filter '*'`.
if (args.Length > 0 && args[0] == "compare") return Kelvin.Bench.Compare.CompareMode.Run(args);
if (args.Length > 0 && args[0] == "networks") { Kelvin.Bench.Networks.NetworkQuickBench.Run(args); return 0; }
BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args);
return 0;
