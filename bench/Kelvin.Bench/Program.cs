using BenchmarkDotNet.Running;

// Kelvin's micro-benchmarks: `dotnet run -c Release --project bench/Kelvin.Bench -- --filter '*'`.
if (args.Length > 0 && args[0] == "networks") { Kelvin.Bench.Networks.NetworkQuickBench.Run(args); return; }
BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args);
