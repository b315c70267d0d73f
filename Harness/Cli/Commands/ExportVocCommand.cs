using System.CommandLine;
using AdvCam.Core.Data;
using AdvCam.Core.Data.Formats;

namespace AdvCam.Cli.Commands;

/// <summary>
/// <c>advcam export-voc</c>: writes standard FashionScenes (the test split, seed 1, or the training split, seed 0) as a
/// PASCAL VOC-layout data set (<see cref="FashionScenesVoc.Export"/>: PNG images, palette masks, the split's list), which
/// a suite reads back with <c>"data": { "voc": ROOT, "voc_split": SPLIT }</c>.
/// </summary>
internal static class ExportVocCommand
{
    internal static Command Create()
    {
        var split = new Option<string>("--split") { Description = "which standard FashionScenes: test (seed 1) or train (seed 0)", DefaultValueFactory = _ => "test" };
        var count = new Option<int?>("--count") { Description = "the first N scenes (default: the standard 1,000 test or 10,000 training scenes)" };
        var output = new Option<string>("--out") { Description = "the VOC root to write (JPEGImages/, SegmentationClass/, ImageSets/Segmentation/<name>.txt)", Required = true };
        var name = new Option<string?>("--name") { Description = "the split's name in ImageSets/Segmentation (default: val for test, train for train)" };
        var command = new Command("export-voc", "Write standard FashionScenes as a PASCAL VOC-layout data set (images, palette masks, split list)");
        foreach (var o in new Option[] { split, count, output, name }) command.Options.Add(o);
        command.SetAction(parse =>
        {
            var which = parse.GetValue(split);
            var (fashionSplit, seed, standard, defaultName) = which switch
            {
                "test" => (FashionMnistSplit.Test, FashionScenes.StandardTestSeed, FashionScenes.StandardTestCount, "val"),
                "train" => (FashionMnistSplit.Train, FashionScenes.StandardTrainSeed, FashionScenes.StandardTrainCount, "train"),
                _ => throw new UserError($"--split must be test or train, got '{which}'"),
            };
            var n = parse.GetValue(count) ?? standard;
            if (n < 1 || n > standard) throw new UserError($"--count must be 1..{standard}, got {n}");
            var listName = parse.GetValue(name) ?? defaultName;
            IReadOnlyList<string> ids;
            try
            {
                var scenes = new FashionScenes(FashionMnist.Load(fashionSplit), seed, standard);
                ids = FashionScenesVoc.Export(scenes, parse.GetValue(output)!, listName, n);
            }
            catch (Exception e) when (e is ArgumentException or IOException or UnauthorizedAccessException or InvalidDataException)
            {
                throw new UserError($"export-voc: {e.Message}");
            }
            parse.InvocationConfiguration.Output.WriteLine($"wrote {ids.Count} {which} scenes as VOC split '{listName}' under {Path.GetFullPath(parse.GetValue(output)!)}");
            return 0;
        });
        return command;
    }
}
