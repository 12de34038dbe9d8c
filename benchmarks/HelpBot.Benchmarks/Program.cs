using BenchmarkDotNet.Running;
using HelpBot.Benchmarks;

// Run all: dotnet run -c Release --project benchmarks/HelpBot.Benchmarks -- --filter '*'
BenchmarkSwitcher.FromAssembly(typeof(BenchmarkContent).Assembly).Run(args);
