using BenchmarkDotNet.Running;
using HelpBot.Benchmarks;

// Run all: dotnet run -c Release --project benchmarks/HelpBot.Benchmarks -- --filter '*'
// The PostgreSQL cases of HostThroughputBenchmarks need eval "$(.ci/postgres)" first; figures in docs/benchmarks-storage.md.
BenchmarkSwitcher.FromAssembly(typeof(BenchmarkContent).Assembly).Run(args);
