using System.Globalization;
using HelpBot.Hosting;

namespace HelpBot.Commands;

/// <summary>
/// <c>helpbot healthcheck</c>: asks the running bot's <c>/readyz</c> on this machine and exits 0 when it is ready, 1
/// otherwise, with one line saying why. For container health checks, since the runtime image has no curl.
/// The address is the bot's own <c>urls</c> (<c>ASPNETCORE_URLS</c>) or <c>http_ports</c> setting, or <c>--url</c>.
/// </summary>
public static class HealthCheckCommand
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(5);

    public static async Task<int> RunAsync(string[] args)
    {
        var configuration = new ConfigurationBuilder()
            .AddEnvironmentVariables("ASPNETCORE_")
            .AddEnvironmentVariables()
            .AddCommandLine(args)
            .Build();
        if (LocalAddress(configuration) is not { } address)
        {
            await Console.Error.WriteLineAsync("healthcheck: no address to ask; set urls (ASPNETCORE_URLS) as the bot has it, or --url http://127.0.0.1:8080");
            return ExitCodes.Failed;
        }
        using var http = new HttpClient { Timeout = Timeout };
        try
        {
            using var response = await http.GetAsync(new Uri(address, "/readyz"));
            var body = (await response.Content.ReadAsStringAsync()).Trim();
            Console.WriteLine($"{(int)response.StatusCode} {body}");
            return response.IsSuccessStatusCode ? ExitCodes.Ok : ExitCodes.Failed;
        }
        catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException)
        {
            await Console.Error.WriteLineAsync($"healthcheck: {address} does not answer ({ex.Message})");
            return ExitCodes.Failed;
        }
    }

    /// <summary>
    /// The first configured address as seen from this machine: a wildcard host (<c>+</c>, <c>*</c>, <c>0.0.0.0</c>,
    /// <c>[::]</c>) is asked on 127.0.0.1.
    /// </summary>
    public static Uri? LocalAddress(IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        if (configuration["url"] is { Length: > 0 } explicitUrl)
            return new Uri(explicitUrl);
        if (First(configuration["urls"]) is { } url)
        {
            var wildcard = url.Replace("://+", "://127.0.0.1", StringComparison.Ordinal)
                .Replace("://*", "://127.0.0.1", StringComparison.Ordinal)
                .Replace("://0.0.0.0", "://127.0.0.1", StringComparison.Ordinal)
                .Replace("://[::]", "://127.0.0.1", StringComparison.Ordinal);
            return new Uri(wildcard);
        }
        if (First(configuration["http_ports"]) is { } port && int.TryParse(port, NumberStyles.None, CultureInfo.InvariantCulture, out var number))
            return new Uri($"http://127.0.0.1:{number}");
        return null;
    }

    private static string? First(string? list) =>
        list?.Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).FirstOrDefault();
}
