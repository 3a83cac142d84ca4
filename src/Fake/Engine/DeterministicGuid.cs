using System.Security.Cryptography;
using System.Text;

namespace CloudFoundry.Fake.Engine;

/// <summary>
/// RFC 4122 name-based (version 5 layout) GUIDs derived from a foundation seed and a sequence number,
/// so the same requests in the same order always produce the same GUIDs.
/// </summary>
public static class DeterministicGuid
{
    public static string Create(string seed, long sequence) =>
        Create(seed, sequence.ToString(System.Globalization.CultureInfo.InvariantCulture));

    public static string Create(string seed, string name)
    {
        Span<byte> hash = stackalloc byte[20];
        SHA1.HashData(Encoding.UTF8.GetBytes($"{seed}:{name}"), hash);
        hash[6] = (byte)((hash[6] & 0x0F) | 0x50);
        hash[8] = (byte)((hash[8] & 0x3F) | 0x80);
        return Convert.ToHexStringLower(hash[..4]) + "-" + Convert.ToHexStringLower(hash[4..6]) + "-" +
               Convert.ToHexStringLower(hash[6..8]) + "-" + Convert.ToHexStringLower(hash[8..10]) + "-" +
               Convert.ToHexStringLower(hash[10..16]);
    }
}
