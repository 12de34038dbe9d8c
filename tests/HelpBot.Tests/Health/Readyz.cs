using System.Net;
using System.Text.Json;

namespace HelpBot.Tests.Health;

/// <summary>Asking a bot's /readyz: status code, verdict and problems (joined by "; ").</summary>
public static class Readyz
{
    public static async Task<(HttpStatusCode Status, string Verdict, string Problems)> AskAsync(HttpClient http, Uri readyz, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(http);
        using var response = await http.GetAsync(readyz, cancellationToken);
        var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync(cancellationToken)).RootElement;
        return (response.StatusCode, body.GetProperty("status").GetString()!,
            string.Join("; ", body.GetProperty("problems").EnumerateArray().Select(p => p.GetString())));
    }

    /// <summary>
    /// Asks until the answer is <paramref name="awaited"/> (the channels' setup goes on in the background after the
    /// start); fails with the last answer after <paramref name="timeout"/>.
    /// </summary>
    public static async Task<(HttpStatusCode Status, string Verdict, string Problems)> WaitForAsync(
        HttpClient http, Uri readyz, Func<(HttpStatusCode Status, string Verdict, string Problems), bool> awaited, TimeSpan timeout, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(awaited);
        using var limit = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        limit.CancelAfter(timeout);
        var answer = await AskAsync(http, readyz, cancellationToken);
        while (!awaited(answer))
        {
            try
            {
                await Task.Delay(TimeSpan.FromMilliseconds(100), limit.Token);
            }
            catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
            {
                throw new TimeoutException($"/readyz still answers {(int)answer.Status} {answer.Verdict}: {answer.Problems}");
            }
            answer = await AskAsync(http, readyz, cancellationToken);
        }
        return answer;
    }

    /// <summary>Asks until no channel is still setting up its API (whatever else /readyz may report).</summary>
    public static Task<(HttpStatusCode Status, string Verdict, string Problems)> WaitUntilSetUpAsync(HttpClient http, Uri readyz, TimeSpan timeout, CancellationToken cancellationToken) =>
        WaitForAsync(http, readyz, answer => !answer.Problems.Contains("setting up", StringComparison.Ordinal), timeout, cancellationToken);

    /// <summary>Asks until the bot is ready.</summary>
    public static Task<(HttpStatusCode Status, string Verdict, string Problems)> WaitUntilReadyAsync(HttpClient http, Uri readyz, TimeSpan timeout, CancellationToken cancellationToken) =>
        WaitForAsync(http, readyz, answer => answer.Status == HttpStatusCode.OK, timeout, cancellationToken);
}
