namespace HelpBot.Engine.Dialog;

/// <summary>The seam channels depend on: one turn in, the reply out.</summary>
public interface IDialogEngine
{
    ValueTask<Reply> HandleAsync(Turn turn, CancellationToken cancellationToken = default);
}
