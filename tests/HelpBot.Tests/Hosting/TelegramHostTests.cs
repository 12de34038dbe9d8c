using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text;
using HelpBot.Channels.Telegram.FakeBotApi;

namespace HelpBot.Tests.Hosting;

/// <summary>
/// The built bot (helpbot.dll) as `dotnet run --project src/HelpBot` starts it: configured only through the environment,
/// with no terminal (standard input closed), serving Telegram from the fake Bot API on 127.0.0.1.
/// </summary>
public sealed class TelegramHostTests : IDisposable
{
    private readonly DirectoryInfo _data = Directory.CreateTempSubdirectory("helpbot-host-");
    private Process? _bot;

    private static CancellationToken Cancel => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Run_TokenConfigured_ServesTelegramByPolling()
    {
        await using var api = await FakeBotApiServer.StartAsync(cancellationToken: Cancel);
        _bot = StartBot(api, []);

        api.SendText(9001, "/start");
        var reply = await api.WaitForMessageAsync(9001, timeout: TimeSpan.FromSeconds(30), cancellationToken: Cancel);

        Assert.Contains("AliExpress", api.Message(9001, reply.MessageId!.Value)!.Text, StringComparison.Ordinal);
        Assert.Empty(api.Violations);
        Assert.False(_bot.HasExited);
    }

    [Fact]
    public async Task Run_WebhookMode_ServesTheWebhookEndpoint()
    {
        await using var api = await FakeBotApiServer.StartAsync(cancellationToken: Cancel);
        var port = FreePort();
        _bot = StartBot(api, new()
        {
            ["Telegram__Mode"] = "Webhook",
            ["Telegram__WebhookUrl"] = "https://bot.example.test/hooks/telegram",
            ["Telegram__SecretToken"] = "host-secret",
            ["ASPNETCORE_URLS"] = $"http://127.0.0.1:{port}",
        });
        await api.WaitForAsync(r => r.Method == "setWebhook", TimeSpan.FromSeconds(30), Cancel);
        using var http = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{port}") };
        var update = api.TextMessage(9002, "/start");
        update["update_id"] = 1;

        using var request = new HttpRequestMessage(HttpMethod.Post, "/hooks/telegram") { Content = new StringContent(update.ToJsonString(), Encoding.UTF8, "application/json") };
        request.Headers.Add("X-Telegram-Bot-Api-Secret-Token", "host-secret");
        var response = await http.SendAsync(request, Cancel);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("AliExpress", Assert.Single(api.Messages(9002)).Text, StringComparison.Ordinal);
        Assert.Empty(api.Calls("getUpdates"));
    }

    public void Dispose()
    {
        if (_bot is { HasExited: false })
            _bot.Kill(entireProcessTree: true);
        _bot?.WaitForExit(5000);
        _bot?.Dispose();
        _data.Delete(recursive: true);
    }

    private Process StartBot(FakeBotApiServer api, Dictionary<string, string> environment)
    {
        var start = new ProcessStartInfo("dotnet", [Path.Combine(AppContext.BaseDirectory, "helpbot.dll")])
        {
            WorkingDirectory = _data.FullName,
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.Environment["Telegram__Token"] = api.Token;
        start.Environment["Telegram__ApiBaseUrl"] = api.BaseUrl;
        start.Environment["Telegram__PollingTimeoutSeconds"] = "1";
        start.Environment["Content__Path"] = RepositoryPaths.Content;
        start.Environment["Storage__Path"] = Path.Combine(_data.FullName, "helpbot.db");
        start.Environment["DOTNET_ENVIRONMENT"] = "Production";
        foreach (var (key, value) in environment)
            start.Environment[key] = value;
        var process = Process.Start(start)!;
        process.StandardInput.Close();
        // Drain the output so the bot never blocks on a full pipe.
        process.OutputDataReceived += (_, _) => { };
        process.ErrorDataReceived += (_, _) => { };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return process;
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
