using System.Buffers.Binary;
using System.Text;
using System.Text.Json.Nodes;

namespace Kelvin.Tests.Cli.Fuzz;

/// <summary>Rewrites the metadata of a safetensors file (8-byte header length, JSON header, data):
/// the header is re-serialized and its length prefix updated; tensor offsets are relative to the data,
/// so they stay valid.</summary>
internal static class SafetensorsEdit
{
    public static byte[] WithMetadata(byte[] file, string key, string value)
    {
        long n = BinaryPrimitives.ReadInt64LittleEndian(file);
        var header = JsonNode.Parse(Encoding.UTF8.GetString(file, 8, (int)n))!.AsObject();
        var metadata = header["__metadata__"]?.AsObject() ?? new JsonObject();
        header["__metadata__"] = metadata;
        metadata[key] = value;
        byte[] json = Encoding.UTF8.GetBytes(header.ToJsonString());
        var result = new byte[8 + json.Length + (file.Length - 8 - n)];
        BinaryPrimitives.WriteInt64LittleEndian(result, json.Length);
        json.CopyTo(result, 8);
        Array.Copy(file, 8 + n, result, 8 + json.Length, file.Length - 8 - n);
        return result;
    }
}
