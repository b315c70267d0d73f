namespace AdvCam.Core.Running;

/// <summary>Stops one plugin's run: it threw, or returned an invalid output. The message is the plugin's error in the results.</summary>
internal sealed class PluginRunFailure(string message, Exception? inner = null) : Exception(message, inner);
