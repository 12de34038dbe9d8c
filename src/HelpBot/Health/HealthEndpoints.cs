using HelpBot.Channels.Http;
using HelpBot.Engine.Dialog;
using Microsoft.Extensions.DependencyInjection.Extensions;
using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;

namespace HelpBot.Health;

/// <summary><c>/healthz</c> (the process answers), <c>/readyz</c> (it can serve) and <c>/metrics</c> (Prometheus text).</summary>
public static class HealthEndpoints
{
    public static IHostApplicationBuilder AddHealth(this IHostApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Services.AddOptionsWithValidateOnStart<HealthOptions, HealthOptionsValidator>()
            .BindConfiguration(HealthOptions.SectionName);
        builder.Services.AddSingleton<Readiness>();
        // The channels that set up their APIs at start report here; with none configured it stays empty.
        builder.Services.TryAddSingleton<ChannelSetup>();
        builder.Services.AddHostedService<StorageGauges>();
        builder.Services.AddOpenTelemetry()
            .ConfigureResource(resource => resource.AddService("helpbot"))
            .WithMetrics(metrics => metrics
            .AddMeter(DialogMetrics.MeterName)
            .AddPrometheusExporter());
        return builder;
    }

    public static IEndpointRouteBuilder MapHealth(this IEndpointRouteBuilder endpoints)
    {
        ArgumentNullException.ThrowIfNull(endpoints);
        endpoints.MapGet("/healthz", () => Results.Text("alive\n"));
        endpoints.MapGet("/readyz", async (Readiness readiness, CancellationToken cancellationToken) =>
        {
            var problems = await readiness.ProblemsAsync(cancellationToken);
            return problems.Count == 0
                ? Results.Json(new ReadinessReport("ready", problems))
                : Results.Json(new ReadinessReport("not ready", problems), statusCode: StatusCodes.Status503ServiceUnavailable);
        });
        endpoints.MapPrometheusScrapingEndpoint();
        return endpoints;
    }

    /// <summary>The body of <c>/readyz</c>: <c>{"status":"not ready","problems":["storage: … does not answer"]}</c>.</summary>
    public sealed record ReadinessReport(string Status, IReadOnlyList<string> Problems);
}
