using System.Globalization;
using BenchmarkDotNet.Attributes;
using HelpBot.Engine.Storage;
using HelpBot.Storage.LiteDb;
using HelpBot.Storage.Postgres;

namespace HelpBot.Benchmarks;

/// <summary>
/// What a sender pays per message through the durable outbox, with an empty outbox and with a full one (100,000
/// delivered posts kept for their retention and 10,000 pending messages over 10,000 chats, all waiting for a retry):
/// a reply committed to a chat, the periodic look for due chats (which finds just that one), its messages read, the
/// send settled, the chat released. Issue 23's target: the full outbox within 2× of the empty one.
/// PostgreSQL cases need <c>HELPBOT_TEST_POSTGRES</c> (<c>eval "$(.ci/postgres)"</c>).
/// </summary>
[SimpleJob(launchCount: 1, warmupCount: 3, iterationCount: 10)]
public class OutboxClaimBenchmarks
{
    private const int Delivered = 100_000, Pending = 10_000;
    private static readonly DateTimeOffset Now = new(2026, 12, 7, 12, 0, 0, TimeSpan.Zero);
    private IOutboxStore _outbox = null!;
    private IConversationStore _store = null!;
    private IDisposable? _disposable;
    private DirectoryInfo? _folder;
    private int _next;

    [Params("LiteDb", "Postgres")]
    public string Provider { get; set; } = "";

    [Params(false, true)]
    public bool Full { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        if (Provider == "LiteDb")
        {
            _folder = Directory.CreateTempSubdirectory("helpbot-claim-");
            var store = new LiteDbConversationStore(Path.Combine(_folder.FullName, "claim.db"));
            (_store, _outbox, _disposable) = (store, store, store);
        }
        else
        {
            var store = PostgresConversationStore.OpenAsync(BenchmarkPostgres.NewDatabase(), CancellationToken.None).GetAwaiter().GetResult();
            (_store, _outbox, _disposable) = (store, store, store);
        }
        if (Full)
            FillAsync().GetAwaiter().GetResult();
    }

    /// <summary>Posts sent long ago (kept, as moderators reply to them) and messages waiting an hour for a retry.</summary>
    private async Task FillAsync()
    {
        for (var batch = 0; batch < Delivered / 1_000; batch++)
        {
            var changes = new TurnChanges();
            changes.Outbox.AddRange(Enumerable.Range(0, 1_000).Select(i => Message($"sent{batch}-{i}", "moderators" + (i % 10), OutboxPurpose.QuestionPosted, Now.AddDays(-1))));
            changes.Outbox.ForEach(m => m.DeliveredAt = Now.AddDays(-1));
            await _store.CommitAsync(changes, CancellationToken.None);
        }
        for (var batch = 0; batch < Pending / 1_000; batch++)
        {
            var changes = new TurnChanges();
            changes.Outbox.AddRange(Enumerable.Range(0, 1_000).Select(i => Message($"wait{batch}-{i}", $"waiting{batch}-{i}", OutboxPurpose.Reply, Now.AddHours(1))));
            await _store.CommitAsync(changes, CancellationToken.None);
        }
    }

    [Benchmark]
    public async Task CommitClaimSettleRelease()
    {
        var message = Message("m" + (++_next).ToString(CultureInfo.InvariantCulture), "chat" + _next, OutboxPurpose.Reply, Now);
        var changes = new TurnChanges();
        changes.Outbox.Add(message);
        await _store.CommitAsync(changes, CancellationToken.None);
        var chat = (await _outbox.ClaimDueChatsAsync("telegram", Now, 32, CancellationToken.None)).Single();
        var head = (await _outbox.ReadChatAsync(chat, CancellationToken.None))[0];
        await _outbox.SettleAsync([new OutboxSettlement(head, OutboxOutcome.Sent, Now, "1")], CancellationToken.None);
        if (await _outbox.ReleaseChatAsync(chat, Now, CancellationToken.None))
            throw new InvalidOperationException("the chat still has a due message");
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        _disposable?.Dispose();
        _folder?.Delete(recursive: true);
    }

    private static OutboxMessage Message(string id, string chat, OutboxPurpose purpose, DateTimeOffset due) => new()
    {
        Id = id,
        Channel = "telegram",
        ChatId = chat,
        UserKey = "telegram:" + chat,
        Purpose = purpose,
        Text = "Шаг 3 из 9: «Изменить настройки» в меню слева.",
        CreatedAt = Now,
        NextAttemptAt = due,
    };
}
