using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using NSec.Cryptography;

namespace HelpBot.Tests.Hosting;

/// <summary>The real host (Program) on a real Kestrel port: with Discord configured it serves the interactions endpoint.</summary>
public sealed class HelpBotServicesTests : IDisposable
{
    private readonly string _data = Directory.CreateTempSubdirectory("helpbot-host-").FullName;
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 1, 1, 12, 0, 0, TimeSpan.Zero));
    private readonly Key _key = Key.Create(SignatureAlgorithm.Ed25519, new KeyCreationParameters { ExportPolicy = KeyExportPolicies.AllowPlaintextExport });

    [Fact]
    public async Task AddHelpBot_DiscordConfigured_ServesSignedInteractions()
    {
        await using var factory = new WebApplicationFactory<Program>().WithWebHostBuilder(web =>
        {
            web.UseSetting("Discord:ApplicationId", "100000000000000001");
            web.UseSetting("Discord:PublicKey", Convert.ToHexString(_key.PublicKey.Export(KeyBlobFormat.RawPublicKey)));
            web.UseSetting("Storage:Path", Path.Combine(_data, "helpbot.db"));
            web.UseSetting("Content:Path", RepositoryPaths.Content);
            web.ConfigureTestServices(services => services.AddSingleton<TimeProvider>(_time));
        });
        factory.UseKestrel(0);
        factory.StartServer();
        using var http = factory.CreateClient();

        using var pong = await PostAsync(http, """{"id":"1","application_id":"100000000000000001","type":1,"token":"t","version":1}""");
        using var steps = await PostAsync(http, """{"id":"2","application_id":"100000000000000001","type":2,"token":"t2","version":1,"locale":"ru","channel_id":"7","user":{"id":"42","username":"u"},"data":{"name":"steps","type":1}}""");

        Assert.Equal("""{"type":1}""", await pong.Content.ReadAsStringAsync(TestContext.Current.CancellationToken));
        var reply = JsonDocument.Parse(await steps.Content.ReadAsStringAsync(TestContext.Current.CancellationToken)).RootElement;
        Assert.Equal(4, reply.GetProperty("type").GetInt32());
        Assert.Contains("шаг 1/9", reply.GetProperty("data").GetProperty("content").GetString(), StringComparison.Ordinal);
    }

    private async Task<HttpResponseMessage> PostAsync(HttpClient http, string json)
    {
        var body = Encoding.UTF8.GetBytes(json);
        var timestamp = _time.GetUtcNow().ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture);
        using var request = new HttpRequestMessage(HttpMethod.Post, "/discord/interactions") { Content = new ByteArrayContent(body) };
        request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        request.Headers.Add("X-Signature-Timestamp", timestamp);
        request.Headers.Add("X-Signature-Ed25519", Convert.ToHexString(SignatureAlgorithm.Ed25519.Sign(_key, [.. Encoding.UTF8.GetBytes(timestamp), .. body])));
        var response = await http.SendAsync(request, TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return response;
    }

    public void Dispose()
    {
        _key.Dispose();
        Directory.Delete(_data, recursive: true);
    }
}
