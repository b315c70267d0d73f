using System.Globalization;
using System.Net;

namespace AdvCam.Report.Rendering;

/// <summary>Text as HTML and numbers as the report prints them.</summary>
internal static class HtmlText
{
    /// <summary><paramref name="text"/> safe in HTML element content and quoted attribute values (&amp; &lt; &gt; " ' encoded).</summary>
    public static string Encode(string? text) => WebUtility.HtmlEncode(text ?? "");

    /// <summary>A metric value with 4 decimals, or "n/a" when undefined.</summary>
    public static string Value(double? value) => value is { } v ? v.ToString("F4", CultureInfo.InvariantCulture) : "n/a";

    /// <summary>A change of a metric value, signed, with 4 decimals (<c>+0.4120</c>, <c>-0.0310</c>), or an empty string when
    /// undefined.</summary>
    public static string Change(double? change) => change is { } c ? c.ToString("+0.0000;-0.0000;0.0000", CultureInfo.InvariantCulture) : "";

    /// <summary>Seconds with 1 decimal.</summary>
    public static string Seconds(double seconds) => seconds.ToString("F1", CultureInfo.InvariantCulture) + " s";
}
