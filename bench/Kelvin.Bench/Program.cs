using BenchmarkDotNet.Running;

// Kelvin's micro-benchmarks: `dotnet run -c Release --project bench/Kelvin.Bench -- --filter '*'`.
BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args);
