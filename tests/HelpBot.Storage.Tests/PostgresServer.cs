namespace HelpBot.Storage.Tests;

/// <summary>
/// The PostgreSQL server of the tests: <c>HELPBOT_TEST_POSTGRES</c> (a connection string; <c>.ci/postgres</c> installs,
/// starts and prints it). Without it the PostgreSQL tests are skipped with a message, except in CI (<c>CI=true</c>), where
/// a missing server is a failure, so that they cannot pass by not running.
/// </summary>
public static class PostgresServer
{
    public const string Variable = "HELPBOT_TEST_POSTGRES";

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
}
