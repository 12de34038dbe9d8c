using HelpBot.Engine.Content;
using HelpBot.Engine.Dialog;
using HelpBot.Engine.Storage;

namespace HelpBot.Engine.Tests.Dialog;

/// <summary>An engine over the real content and an in-memory store, with helpers to talk to it as one user.</summary>
public sealed class EngineHarness
{
    public const string Channel = "test";

    public EngineHarness(IConversationStore? store = null, Understanding.ITextUnderstanding? understanding = null)
    {
        Store = store ?? new InMemoryConversationStore();
        Engine = new DialogEngine(new FixedContentProvider(TestContent.Load()), Store, understanding);
    }

    public IConversationStore Store { get; }

    public DialogEngine Engine { get; }

    public Task<Reply> Say(string text, string user = "u1", string locale = "ru") =>
        Engine.HandleAsync(Turn.FromText(Channel, user, user, locale, text), TestContext.Current.CancellationToken).AsTask();

    public Task<Reply> Press(string action, string user = "u1", string locale = "ru") =>
        Engine.HandleAsync(Turn.FromAction(Channel, user, user, locale, action), TestContext.Current.CancellationToken).AsTask();

    public static string TextOf(Reply reply) => string.Join("\n", reply.Messages.Select(m => Markup.ToPlainText(m.Text)));

    public static Button ButtonOf(Reply reply, string labelPart) =>
        reply.Messages.SelectMany(m => m.AllButtons).First(b => b.Label.Contains(labelPart, StringComparison.Ordinal));
}
