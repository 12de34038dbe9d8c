using Microsoft.Extensions.Options;
using Npgsql;

namespace HelpBot.Storage.Postgres;

/// <summary>Section <c>Storage</c> with <c>Provider=Postgres</c>: the server every instance shares.</summary>
public sealed class PostgresStorageOptions
{
    public const string SectionName = "Storage";

    /// <summary>An Npgsql connection string, e.g. <c>Host=db;Database=helpbot;Username=helpbot;Password=…</c>.</summary>
    public string ConnectionString { get; set; } = "";
}

/// <summary>The connection string must be there and parse; whether the server answers is checked when the store opens.</summary>
internal sealed class PostgresStorageOptionsValidator : IValidateOptions<PostgresStorageOptions>
{
    public ValidateOptionsResult Validate(string? name, PostgresStorageOptions options)
    {
        if (string.IsNullOrWhiteSpace(options.ConnectionString))
            return ValidateOptionsResult.Fail("Storage:ConnectionString is required with Storage:Provider=Postgres");
        try
        {
            var parsed = new NpgsqlConnectionStringBuilder(options.ConnectionString);
            return string.IsNullOrWhiteSpace(parsed.Host)
                ? ValidateOptionsResult.Fail("Storage:ConnectionString names no Host")
                : ValidateOptionsResult.Success;
        }
        catch (ArgumentException ex)
        {
            // The message names the bad key, never the password.
            return ValidateOptionsResult.Fail("Storage:ConnectionString is not a valid connection string: " + ex.Message);
        }
    }
}
