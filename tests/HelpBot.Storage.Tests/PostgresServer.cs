using Npgsql;

namespace HelpBot.Storage.Tests;

/// <summary>
/// The PostgreSQL server of the tests: <c>HELPBOT_TEST_POSTGRES</c> (a connection string; <c>.ci/postgres</c> installs,
/// starts and prints it). Without it the PostgreSQL tests are skipped with a message, except in CI (<c>CI=true</c>), where
/// a missing server is a failure, so that they cannot pass by not running. Each test works in a schema of its own.
/// </summary>
public static class PostgresServer
{
    public const string Variable = "HELPBOT_TEST_POSTGRES";

    private const string SchemaPrefix = "helpbot_test_";

    private static readonly Lazy<string> Server = new(DropLeftoverSchemas);

    public static string ConnectionString()
    {
        var value = Environment.GetEnvironmentVariable(Variable);
        if (!string.IsNullOrWhiteSpace(value))
            return value;
        const string Missing = Variable + " is not set: run eval \"$(.ci/postgres)\" to install and start PostgreSQL for these tests";
        if (string.Equals(Environment.GetEnvironmentVariable("CI"), "true", StringComparison.OrdinalIgnoreCase))
            Assert.Fail(Missing + " (required when CI=true)");
        Assert.Skip(Missing);
        return "";
    }

    /// <summary>A new empty schema; the connection string returned works in it alone.</summary>
    public static string CreateSchema()
    {
        var schema = SchemaPrefix + Guid.NewGuid().ToString("N")[..16];
        using var connection = new NpgsqlConnection(Server.Value);
        connection.Open();
        using var create = new NpgsqlCommand($"CREATE SCHEMA {schema}", connection);
        create.ExecuteNonQuery();
        return new NpgsqlConnectionStringBuilder(Server.Value) { SearchPath = schema }.ConnectionString;
    }

    /// <summary>Once per test run, before its first schema: what earlier runs left behind goes.</summary>
    private static string DropLeftoverSchemas()
    {
        var server = ConnectionString();
        using var connection = new NpgsqlConnection(server);
        connection.Open();
        using var drop = new NpgsqlCommand(
            $"DO $$ DECLARE s text; BEGIN FOR s IN SELECT nspname FROM pg_namespace WHERE nspname LIKE '{SchemaPrefix}%' LOOP EXECUTE 'DROP SCHEMA ' || s || ' CASCADE'; END LOOP; END $$",
            connection);
        drop.ExecuteNonQuery();
        return server;
    }
}
