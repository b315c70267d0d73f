using AdvCam.Core.Data.Formats;

namespace AdvCam.Cli.Tests.Commands;

public class ExportVocCommandTests
{
    [Test]
    public void Test_scenes_are_written_in_the_voc_layout_and_read_back_by_the_voc_reader()
    {
        var folder = Directory.CreateTempSubdirectory("advcam-cli-voc-").FullName;
        try
        {
            var result = AdvcamProcess.Run("export-voc", "--split", "test", "--count", "3", "--out", folder);
            result.ExitCode.Should().Be(0, result.Error);
            result.Output.Should().Contain("wrote 3 test scenes as VOC split 'val'");
            var voc = VocDataset.Open(folder, "val", FashionScenesVoc.ClassCount);
            voc.Ids.Should().Equal("test_s1_000000", "test_s1_000001", "test_s1_000002");

            var bad = AdvcamProcess.Run("export-voc", "--split", "valid", "--out", folder);
            bad.ExitCode.Should().Be(2);
            bad.Error.Should().Contain("--split must be test or train");
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }
}
