using System.Xml.Linq;
using Microsoft.AspNetCore.DataProtection.Repositories;
using Npgsql;
using static HelpBot.Storage.Postgres.PostgresCommands;

namespace HelpBot.ConsoleState;

/// <summary>
/// The Data Protection key ring in table <c>data_protection_keys</c> of the shared database, so that every instance signs
/// and reads the same session cookies, antiforgery tokens and download tickets. The elements are secret keys: nothing
/// here logs them. Data Protection calls this synchronously, rarely (at start, then when its cached ring expires).
/// </summary>
internal sealed class PostgresXmlRepository(NpgsqlDataSource dataSource) : IXmlRepository
{
    public IReadOnlyCollection<XElement> GetAllElements()
    {
        using var command = dataSource.CreateCommand("SELECT xml FROM data_protection_keys");
        using var reader = command.ExecuteReader();
        var elements = new List<XElement>();
        while (reader.Read())
            elements.Add(XElement.Parse(reader.GetString(0)));
        return elements;
    }

    public void StoreElement(XElement element, string friendlyName)
    {
        ArgumentNullException.ThrowIfNull(element);
        // Names are the keys' ids, so unique; should one repeat, the element is kept under another rather than lost.
        if (!TryInsert(friendlyName, element))
            TryInsert(friendlyName + "-" + Guid.NewGuid().ToString("N"), element);
    }

    private bool TryInsert(string name, XElement element)
    {
        using var connection = dataSource.OpenConnection();
        using var command = Command(connection, "INSERT INTO data_protection_keys (name, xml) VALUES ($1, $2) ON CONFLICT (name) DO NOTHING",
            name, element.ToString(SaveOptions.DisableFormatting));
        return command.ExecuteNonQuery() == 1;
    }
}
