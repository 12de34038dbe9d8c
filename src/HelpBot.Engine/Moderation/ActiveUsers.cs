using System.Buffers.Binary;
using System.Security.Cryptography;
using System.Text;
using HelpBot.Engine.Storage;

namespace HelpBot.Engine.Moderation;

/// <summary>
/// Who was active and how far each got in the walkthrough, for distinct counts (users, the step funnel) that can be
/// summed over days by union. Users are kept as 64-bit digests of their keys, not the keys: a digest kept for a past
/// day (<see cref="Desk.StatsDesk"/>) counts a user without saying who (collisions are negligible at millions of users).
/// </summary>
internal sealed class ActiveUsers
{
    private readonly HashSet<ulong> _users = [];
    private readonly Dictionary<int, HashSet<ulong>> _stepUsers = [];

    public int Users => _users.Count;

    public static ActiveUsers Of(IEnumerable<DialogEvent> events)
    {
        var activity = new ActiveUsers();
        foreach (var e in events)
            activity.Add(e);
        return activity;
    }

    public void Add(DialogEvent e)
    {
        var user = Digest(e.UserKey);
        _users.Add(user);
        if (e.Kind == DialogEventKind.StepReached)
            StepUsers(e.Step).Add(user);
    }

    public void AddUser(string userKey) => _users.Add(Digest(userKey));

    public void Add(ActiveUsers other)
    {
        _users.UnionWith(other._users);
        foreach (var (step, users) in other._stepUsers)
            StepUsers(step).UnionWith(users);
    }

    /// <summary>Users (not presses) who reached each sub-step 1..<paramref name="steps"/>.</summary>
    public int[] Funnel(int steps) =>
        Enumerable.Range(1, steps).Select(step => _stepUsers.TryGetValue(step, out var users) ? users.Count : 0).ToArray();

    private HashSet<ulong> StepUsers(int step)
    {
        if (!_stepUsers.TryGetValue(step, out var users))
            _stepUsers[step] = users = [];
        return users;
    }

    private static ulong Digest(string userKey)
    {
        Span<byte> hash = stackalloc byte[SHA256.HashSizeInBytes];
        SHA256.HashData(Encoding.UTF8.GetBytes(userKey), hash);
        return BinaryPrimitives.ReadUInt64LittleEndian(hash);
    }
}
