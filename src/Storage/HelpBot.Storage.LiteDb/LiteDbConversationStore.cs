using HelpBot.Engine.Storage;
using LiteDB;

namespace HelpBot.Storage.LiteDb;

/// <summary>
/// <see cref="IConversationStore"/> on LiteDB. Each commit is one LiteDB transaction, and LiteDB's
/// write-ahead log means a crash leaves either the whole turn or none of it.
/// </summary>
public sealed class LiteDbConversationStore : IConversationStore, IDisposable
{
    private readonly LiteDatabase _database;
    private readonly ILiteCollection<UserState> _users;
    private readonly ILiteCollection<Feedback> _feedback;
    private readonly ILiteCollection<Question> _questions;
    private readonly ILiteCollection<DialogEvent> _events;
    private readonly ILiteCollection<HandledDelivery> _deliveries;

    public LiteDbConversationStore(string path)
        : this(new LiteDatabase(new ConnectionString { Filename = EnsureFolder(path), Connection = ConnectionType.Direct }, CreateMapper()))
    {
    }

    /// <summary>Over an existing database (a <see cref="MemoryStream"/> one for replay and tests).</summary>
    public LiteDbConversationStore(LiteDatabase database)
    {
        ArgumentNullException.ThrowIfNull(database);
        _database = database;
        _users = database.GetCollection<UserState>("users");
        _feedback = database.GetCollection<Feedback>("feedback");
        _questions = database.GetCollection<Question>("questions");
        _events = database.GetCollection<DialogEvent>("events");
        _deliveries = database.GetCollection<HandledDelivery>("deliveries");
        _feedback.EnsureIndex(f => f.UserKey);
        _questions.EnsureIndex(q => q.UserKey);
        _questions.EnsureIndex(q => q.Status);
        _events.EnsureIndex(e => e.UserKey);
        _events.EnsureIndex(e => e.Kind);
    }

    public static LiteDbConversationStore InMemory() => new(new LiteDatabase(new MemoryStream(), CreateMapper()));

    internal LiteDatabase Database => _database;

    public ValueTask<UserState?> FindUserAsync(string userKey, CancellationToken cancellationToken) =>
        ValueTask.FromResult<UserState?>(_users.FindById(userKey));

    public ValueTask<Feedback?> FindFeedbackAsync(string userKey, string guide, CancellationToken cancellationToken) =>
        ValueTask.FromResult<Feedback?>(_feedback.FindById(Feedback.IdFor(userKey, guide)));

    public ValueTask<bool> WasHandledAsync(string deliveryId, CancellationToken cancellationToken) =>
        ValueTask.FromResult(_deliveries.Exists(Query.EQ("_id", deliveryId)));

    public ValueTask CommitAsync(TurnChanges changes, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(changes);
        InTransaction(() =>
        {
            if (changes.State is { } state)
                _users.Upsert(state);
            if (changes.Feedback is { } feedback)
                _feedback.Upsert(feedback);
            if (changes.Question is { } question)
                _questions.Insert(question);
            if (changes.Events.Count > 0)
                _events.InsertBulk(changes.Events);
            if (changes.DeliveryId is { } delivery)
                _deliveries.Upsert(new HandledDelivery { Id = delivery, At = DateTimeOffset.UtcNow });
            return 0;
        });
        return ValueTask.CompletedTask;
    }

    public ValueTask<int> ForgetUserAsync(string userKey, CancellationToken cancellationToken) =>
        ValueTask.FromResult(InTransaction(() =>
            (_users.Delete(userKey) ? 1 : 0)
            + _feedback.DeleteMany(f => f.UserKey == userKey)
            + _questions.DeleteMany(q => q.UserKey == userKey)
            + _events.DeleteMany(e => e.UserKey == userKey)));

    public void Dispose() => _database.Dispose();

    private T InTransaction<T>(Func<T> work)
    {
        // LiteDB transactions belong to the calling thread; every method here completes synchronously.
        _database.BeginTrans();
        try
        {
            var result = work();
            _database.Commit();
            return result;
        }
        catch
        {
            _database.Rollback();
            throw;
        }
    }

    internal static BsonMapper CreateMapper()
    {
        var mapper = new BsonMapper();
        mapper.RegisterType(
            value => new BsonValue(value.UtcDateTime),
            bson => new DateTimeOffset(DateTime.SpecifyKind(bson.AsDateTime.ToUniversalTime(), DateTimeKind.Utc)));
        mapper.Entity<UserState>().Id(s => s.Key, autoId: false);
        mapper.Entity<Feedback>().Id(f => f.Id, autoId: false);
        mapper.Entity<Question>().Id(q => q.Id, autoId: false);
        mapper.Entity<DialogEvent>().Id(e => e.Id, autoId: false);
        mapper.Entity<HandledDelivery>().Id(d => d.Id, autoId: false);
        return mapper;
    }

    private static string EnsureFolder(string path)
    {
        var folder = System.IO.Path.GetDirectoryName(System.IO.Path.GetFullPath(path));
        if (!string.IsNullOrEmpty(folder))
            Directory.CreateDirectory(folder);
        return path;
    }
}
