using System.Globalization;
using System.Text.Json.Nodes;
using HelpBot.Channels.Telegram.FakeBotApi;

namespace HelpBot.Tests.Faults;

/// <summary>A user pressing walkthrough step buttons up and down (never the step shown), each press waiting for its screen.</summary>
public sealed class WalkthroughUser(long id)
{
    private const string Guide = "aliexpress";
    public static readonly TimeSpan ReplyTimeout = TimeSpan.FromSeconds(90);

    private int _step = 1;
    private int _direction = 1;

    public long Id { get; } = id;

    /// <summary>The steps the pressed message must show, in order, one edit per press.</summary>
    public List<int> Expected { get; } = [];

    public static Task WaitForOpenAsync(ChatRecord record, IReadOnlyList<WalkthroughUser> users) =>
        record.WaitUntilAsync(r => users.All(u => r.Of(u.Id).Count >= 1), ReplyTimeout, () => "the walkthroughs did not open");

    /// <summary>
    /// Presses the next step's button on the last message shown; <paramref name="deliver"/> hands the update to the bot
    /// (by default it is queued for getUpdates).
    /// </summary>
    public async Task PressNextAsync(FakeBotApiServer api, ChatRecord record, Func<JsonObject, Task>? deliver = null)
    {
        ArgumentNullException.ThrowIfNull(api);
        ArgumentNullException.ThrowIfNull(record);
        if (_step + _direction is < 1 or > 9)
            _direction = -_direction;
        _step += _direction;
        Expected.Add(_step);
        var shown = record.Of(Id)[^1].Message;
        var press = api.ButtonPress(Id, shown, $"step:{Guide}:{_step.ToString(CultureInfo.InvariantCulture)}");
        if (deliver is null)
            api.Enqueue(press);
        else
            await deliver(press);
        var edits = Expected.Count;
        await record.WaitUntilAsync(r => r.Of(Id).Count(s => s.Method == "editMessageText") >= edits, ReplyTimeout,
            () => $"user {Id}: press {edits} (step {_step}) got no screen");
    }
}
