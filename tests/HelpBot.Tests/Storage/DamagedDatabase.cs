using HelpBot.Engine.Storage;
using HelpBot.Storage.LiteDb;

namespace HelpBot.Tests.Storage;

/// <summary>LiteDB files damaged the ways a disk, a copy or an operator damages them, for the start-up checks.</summary>
public static class DamagedDatabase
{
    public const int PageSize = 8192;

    public enum Damage
    {
        CutInHalf,
        EightKilobytesOverwritten,
        RandomBytesInPages,
        ZeroedHeader,
    }

    /// <summary>Writes a database with enough users, questions and events to fill several pages of each collection.</summary>
    public static async Task CreateAsync(string path, CancellationToken cancellationToken)
    {
        using var store = new LiteDbConversationStore(path);
        var at = new DateTimeOffset(2026, 12, 1, 10, 0, 0, TimeSpan.Zero);
        for (var i = 0; i < 400; i++)
        {
            var user = "telegram:" + i;
            var changes = new TurnChanges
            {
                State = new UserState { Key = user, Language = "ru", Guide = "aliexpress", Step = i % 9, ReadText = "как удалить аккаунт номер " + i, UpdatedAt = at },
                Question = new Question { Id = "Q" + i.ToString("D5", System.Globalization.CultureInfo.InvariantCulture), UserKey = user, Text = "Где кнопка удаления? " + i, AskedAt = at },
                DeliveryId = "telegram:update:" + i,
            };
            changes.Events.Add(new DialogEvent { Id = Guid.NewGuid(), UserKey = user, Kind = DialogEventKind.Unmatched, Text = "непонятный вопрос " + i, At = at });
            await store.CommitAsync(changes, cancellationToken);
        }
    }

    public static void Apply(string path, Damage damage)
    {
        var bytes = File.ReadAllBytes(path);
        switch (damage)
        {
            case Damage.CutInHalf:
                bytes = bytes[..(bytes.Length / 2)];
                break;
            case Damage.EightKilobytesOverwritten:
                new Random(16).NextBytes(bytes.AsSpan(bytes.Length / 2, PageSize));
                break;
            case Damage.RandomBytesInPages:
                // A few bytes in every page after the header: record bodies, string lengths and UTF-8 sequences.
                var random = new Random(17);
                for (var page = PageSize; page < bytes.Length; page += PageSize)
                {
                    for (var i = 0; i < 8; i++)
                        bytes[page + 32 + random.Next(PageSize - 32)] = (byte)random.Next(256);
                }
                break;
            case Damage.ZeroedHeader:
                Array.Clear(bytes, 0, PageSize);
                break;
        }
        File.WriteAllBytes(path, bytes);
    }
}
