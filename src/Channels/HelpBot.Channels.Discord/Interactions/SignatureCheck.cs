namespace HelpBot.Channels.Discord.Interactions;

/// <summary>What the signature headers of a request proved. Anything but <see cref="Valid"/> is answered 401.</summary>
internal enum SignatureCheck
{
    Valid,
    Missing,
    Malformed,
    Invalid,
    Stale,
}
