using Microsoft.Extensions.Options;

namespace HelpBot.Understanding;

[OptionsValidator]
internal sealed partial class UnderstandingOptionsValidator : IValidateOptions<UnderstandingOptions>;
