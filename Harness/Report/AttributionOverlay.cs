namespace AdvCam.Report;

/// <summary>An attribution map drawn over a sample scene, for the HTML report.</summary>
/// <param name="Plugin">The attribution plugin.</param>
/// <param name="Item">The scene's index in the test split.</param>
/// <param name="ClassName">The class explained.</param>
/// <param name="IoU">The IoU of the class's seed (map above the background threshold wins) with its true mask, or null.</param>
/// <param name="Png">The overlay as a PNG file's bytes.</param>
public sealed record AttributionOverlay(string Plugin, int Item, string ClassName, double? IoU, byte[] Png);
