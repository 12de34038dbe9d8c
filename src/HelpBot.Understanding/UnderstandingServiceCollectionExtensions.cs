using HelpBot.Engine.Understanding;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace HelpBot.Understanding;

public static class UnderstandingServiceCollectionExtensions
{
    /// <summary>Registers the trained free-text reader, options from section <c>Understanding</c> validated at start.</summary>
    public static IHostApplicationBuilder AddTextUnderstanding(this IHostApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Services.AddOptionsWithValidateOnStart<UnderstandingOptions, UnderstandingOptionsValidator>()
            .BindConfiguration(UnderstandingOptions.SectionName);
        builder.Services.AddSingleton<ClassifierTextUnderstanding>();
        builder.Services.AddSingleton<ITextUnderstanding>(sp => sp.GetRequiredService<ClassifierTextUnderstanding>());
        return builder;
    }
}
