namespace AdvCam.Plugins.Perturbations.Shifts;

/// <summary>
/// One of the eight directions an image is translated in by the shift perturbations: a label and the unit offset of
/// the content, <see cref="Dx"/> columns to the right and <see cref="Dy"/> rows down (rows count from the top, so
/// "up" is <c>Dy = -1</c>).
/// </summary>
/// <param name="Label">The direction's name in reports, e.g. <c>"up-right"</c>.</param>
/// <param name="Dx">Columns the content moves per pixel of shift: -1 (left), 0 or 1 (right).</param>
/// <param name="Dy">Rows the content moves per pixel of shift: -1 (up), 0 or 1 (down).</param>
public sealed record ShiftDirection(string Label, int Dx, int Dy)
{
    /// <summary>
    /// The eight directions, clockwise from "up": up, up-right, right, down-right, down, down-left, left, up-left. Their
    /// order is the order of the severity levels 1..8.
    /// </summary>
    public static IReadOnlyList<ShiftDirection> All { get; } =
    [
        new("up", 0, -1),
        new("up-right", 1, -1),
        new("right", 1, 0),
        new("down-right", 1, 1),
        new("down", 0, 1),
        new("down-left", -1, 1),
        new("left", -1, 0),
        new("up-left", -1, -1),
    ];
}
