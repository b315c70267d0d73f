namespace AdvCam.Plugins.Attribution.AdversarialClimbing;

/// <summary>The climbing settings of one AdvCAM run (see <see cref="AdvCamAttribution"/> for their meaning and defaults).</summary>
/// <param name="Steps">T, the climbing steps (T + 1 maps are accumulated; 0 gives CAM).</param>
/// <param name="Lambda">λ, the weight of the restriction on already-high regions.</param>
/// <param name="Tau">τ, the relative threshold of the restriction mask.</param>
/// <param name="Flip">Climb each image together with its horizontal mirror and merge their maps.</param>
public sealed record AdvCamSettings(int Steps, double Lambda, double Tau, bool Flip);
