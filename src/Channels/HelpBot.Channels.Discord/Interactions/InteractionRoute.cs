using HelpBot.Engine.Dialog;

namespace HelpBot.Channels.Discord.Interactions;

/// <summary>Where an interaction goes: a turn for the engine, a modal to open, or a refusal (400) with its reason.</summary>
internal sealed record InteractionRoute
{
    public Turn? Turn { get; private init; }

    /// <summary>The custom id of a <see cref="TextModals"/> modal to open.</summary>
    public string? Modal { get; private init; }

    public string? Problem { get; private init; }

    public static InteractionRoute ToEngine(Turn turn) => new() { Turn = turn };

    public static InteractionRoute OpenModal(string modal) => new() { Modal = modal };

    public static InteractionRoute Refuse(string problem) => new() { Problem = problem };
}
