using System.Globalization;
using HelpBot.Engine.Storage;

namespace HelpBot.Benchmarks;

/// <summary>
/// A community's store as the moderators' console meets it after months of use: <see cref="Users"/> users who started
/// the guide and went some steps, one in ten leaving an unanswered text (the review queue), <see cref="Questions"/> open
/// questions and <see cref="QueuedMessages"/> replies waiting in the outbox, spread over the last 30 days.
/// Written through <see cref="IConversationStore.CommitAsync"/>, the way turns write it.
/// </summary>
public static class ModeratorStoreSeed
{
    public const int Users = 10_000;
    public const int Questions = 1_000;
    public const int QueuedMessages = 1_000;
    public const string Community = "default";

    /// <summary>Texts the bot could not answer; repeats make the "most frequent unanswered texts" list.</summary>
    private static readonly string[] UnansweredTexts =
    [
        "как удалить приложение с телефона", "where is my refund", "почему не приходит код", "can I delete only my cards",
        "сколько ждать возврат денег", "how do I change my email", "что будет с купонами", "is my order still coming",
        "как выйти из аккаунта на всех устройствах", "the form does not open on my phone",
    ];

    public static async Task FillAsync(IConversationStore store, DateTimeOffset now, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(store);
        var random = new Random(26);
        for (var user = 0; user < Users; user++)
        {
            var key = "telegram:" + (100_000 + user).ToString(CultureInfo.InvariantCulture);
            var at = now - TimeSpan.FromMinutes(random.Next(30 * 24 * 60));
            var language = user % 3 == 0 ? "en" : "ru";
            var steps = random.Next(10);
            var changes = new TurnChanges
            {
                State = new UserState { Key = key, Language = language, Guide = "aliexpress", Step = steps, UpdatedAt = at },
                DeliveryId = "seed:" + key,
            };
            changes.Events.Add(Event(key, DialogEventKind.Started, language, at));
            for (var step = 1; step <= steps; step++)
                changes.Events.Add(Event(key, DialogEventKind.StepReached, language, at, step));
            if (steps == 9)
                changes.Events.Add(Event(key, DialogEventKind.Completed, language, at, steps));
            if (user % 10 == 0)
            {
                var text = UnansweredTexts[random.Next(UnansweredTexts.Length)] + (user % 20 == 0 ? "" : " " + user.ToString(CultureInfo.InvariantCulture));
                changes.Events.Add(Event(key, user % 30 == 0 ? DialogEventKind.Unsure : DialogEventKind.Unmatched, language, at, text: text));
            }
            if (user < Questions)
                changes.Question = OpenQuestion(key, user, language, at);
            if (user % 4 == 0)
                changes.Feedback = new Feedback { Id = Feedback.IdFor(key, "aliexpress"), UserKey = key, Guide = "aliexpress", Helpful = user % 8 == 0, Community = Community, Language = language, At = at };
            if (user >= Users - QueuedMessages)
                changes.Outbox.Add(QueuedReply(key, at));
            await store.CommitAsync(changes, cancellationToken);
        }
    }

    private static DialogEvent Event(string key, DialogEventKind kind, string language, DateTimeOffset at, int step = 0, string? text = null) => new()
    {
        Id = Guid.NewGuid(), UserKey = key, Kind = kind, Guide = "aliexpress", Step = step, Text = text, Language = language, Community = Community, At = at,
    };

    private static Question OpenQuestion(string key, int user, string language, DateTimeOffset at) => new()
    {
        Id = "q" + user.ToString(CultureInfo.InvariantCulture), UserKey = key, Channel = "telegram", ChatId = key["telegram:".Length..],
        Language = language, Guide = "aliexpress", Text = "Вопрос номер " + user.ToString(CultureInfo.InvariantCulture) + ": а что будет с моими отзывами?",
        Community = Community, AskedAt = at, Status = QuestionStatus.Open,
    };

    private static OutboxMessage QueuedReply(string key, DateTimeOffset at) => new()
    {
        Id = Guid.NewGuid().ToString("N"), Channel = "telegram", ChatId = key["telegram:".Length..], UserKey = key, Community = Community,
        Purpose = OutboxPurpose.Reply, Text = "Шаг 3 из 9", CreatedAt = at, NextAttemptAt = at.AddYears(1),
    };
}
