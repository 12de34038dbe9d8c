using HelpBot.Engine.Dialog;

namespace HelpBot.Channels.Discord.Interactions;

/// <summary>Where an interaction goes: a turn for the engine, a modal to open for it, or a refusal (400) with its reason.</summary>
internal sealed record InteractionRoute
{
    public Turn? Turn { get; private init; }

    /// <summary>The id of the engine's <see cref="TextForm"/> to open as a modal for <see cref="Turn"/>'s user.</summary>
    public string? Modal { get; private init; }

    public string? Problem { get; private init; }

    public static InteractionRoute ToEngine(Turn turn) => new() { Turn = turn };

    public static InteractionRoute OpenModal(string form, Turn turn) => new() { Modal = form, Turn = turn };

    public static InteractionRoute Refuse(string problem) => new() { Problem = problem };
}
