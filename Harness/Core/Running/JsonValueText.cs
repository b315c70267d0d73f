using System.Globalization;
using System.Text.Json;

namespace AdvCam.Core.Running;

/// <summary>How strict JSON parsers (suite files, threshold files) name a value they refuse in their messages.</summary>
internal static class JsonValueText
{
    /// <summary>The value as a message names it: <c>the string "x"</c>, <c>the number 3</c>, <c>true</c>, <c>null</c>,
    /// <c>a list</c>, <c>an object</c>.</summary>
    /// <param name="value">The refused value.</param>
    public static string Describe(JsonElement value) => value.ValueKind switch
    {
        JsonValueKind.String => $"the string \"{value.GetString()}\"",
        JsonValueKind.Number => $"the number {value.GetRawText()}",
        JsonValueKind.True or JsonValueKind.False => value.GetRawText(),
        JsonValueKind.Null => "null",
        JsonValueKind.Array => "a list",
        JsonValueKind.Object => "an object",
        _ => value.ValueKind.ToString().ToLower(CultureInfo.InvariantCulture),
    };
}
