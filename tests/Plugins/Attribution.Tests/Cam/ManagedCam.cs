namespace AdvCam.Plugins.Attribution.Tests.Cam;

/// <summary>The class score maps Σ_k w_ck f_k computed in plain loops, independently of the plugin's contraction.</summary>
internal static class ManagedCam
{
    /// <summary>
    /// Scores [n, classes, h, w] (row-major) from features [n, channels, h, w] and a head weight [classes, channels],
    /// both given as row-major arrays with their sizes.
    /// </summary>
    public static double[] Scores(float[] features, float[] weight, int n, int classes, int channels, int h, int w)
    {
        var scores = new double[n * classes * h * w];
        for (int i = 0; i < n; i++)
            for (int c = 0; c < classes; c++)
                for (int y = 0; y < h; y++)
                    for (int x = 0; x < w; x++)
                    {
                        double sum = 0;
                        for (int k = 0; k < channels; k++)
                            sum += (double)weight[c * channels + k] * features[((i * channels + k) * h + y) * w + x];
                        scores[((i * classes + c) * h + y) * w + x] = sum;
                    }
        return scores;
    }

    /// <summary>ReLU, then each [h, w] plane divided by its maximum + <paramref name="epsilon"/>.</summary>
    public static double[] Normalize(double[] scores, int planes, int planeSize, double epsilon)
    {
        var result = new double[scores.Length];
        for (int p = 0; p < planes; p++)
        {
            double max = 0;
            for (int j = 0; j < planeSize; j++) max = Math.Max(max, Math.Max(scores[p * planeSize + j], 0));
            for (int j = 0; j < planeSize; j++) result[p * planeSize + j] = Math.Max(scores[p * planeSize + j], 0) / (max + epsilon);
        }
        return result;
    }
}
