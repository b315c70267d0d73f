using System.Diagnostics;
using AdvCam.Core.Running;

namespace AdvCam.Core.Tests.Running;

public class GitCommitTests
{
    private const string A = "0123456789abcdef0123456789abcdef01234567";
    private const string B = "89abcdef0123456789abcdef0123456789abcdef";
    private string root = "";

    [SetUp]
    public void CreateFolder() => root = Directory.CreateTempSubdirectory("advcam-git-").FullName;

    [TearDown]
    public void DeleteFolder() => Directory.Delete(root, recursive: true);

    [Test]
    public void A_branch_in_a_loose_ref_is_read_from_any_folder_below_the_checkout()
    {
        var git = Path.Combine(root, ".git");
        Write(Path.Combine(git, "HEAD"), "ref: refs/heads/main\n");
        Write(Path.Combine(git, "refs", "heads", "main"), A + "\n");
        var below = Directory.CreateDirectory(Path.Combine(root, "bin", "Debug")).FullName;
        GitCommit.Find(below).Should().Be(A);
    }

    [Test]
    public void A_packed_ref_a_detached_head_and_a_broken_ref()
    {
        var git = Path.Combine(root, ".git");
        Write(Path.Combine(git, "HEAD"), "ref: refs/heads/feature/x\n");
        Write(Path.Combine(git, "packed-refs"), $"# pack-refs with: peeled fully-peeled sorted\n{B} refs/heads/feature/x\n^{A}\n{A} refs/tags/v1\n");
        GitCommit.Read(git).Should().Be(B);

        Write(Path.Combine(git, "HEAD"), A.ToUpperInvariant() + "\n");
        GitCommit.Read(git).Should().Be(A, "a detached HEAD holds the commit itself");

        Write(Path.Combine(git, "HEAD"), "ref: refs/heads/gone\n");
        GitCommit.Read(git).Should().BeNull("the ref does not exist (no commit yet)");
    }

    [Test]
    public void A_worktree_follows_its_gitdir_file_and_common_dir()
    {
        var main = Path.Combine(root, "main", ".git");
        Write(Path.Combine(main, "HEAD"), "ref: refs/heads/main\n");
        Write(Path.Combine(main, "refs", "heads", "topic"), B + "\n");
        var worktreeGit = Path.Combine(main, "worktrees", "wt");
        Write(Path.Combine(worktreeGit, "HEAD"), "ref: refs/heads/topic\n");
        Write(Path.Combine(worktreeGit, "commondir"), "../..\n");
        var worktree = Directory.CreateDirectory(Path.Combine(root, "wt")).FullName;
        Write(Path.Combine(worktree, ".git"), $"gitdir: {worktreeGit}\n");
        GitCommit.Find(worktree).Should().Be(B);
    }

    [Test]
    public void No_checkout_gives_null() => GitCommit.Find(root).Should().BeNull();

    [Test]
    public void The_repository_the_tests_run_in_agrees_with_git()
    {
        var found = GitCommit.Find(TestContext.CurrentContext.TestDirectory);
        Assume.That(found, Is.Not.Null, "the tests do not run inside a Git checkout");
        string expected;
        try
        {
            using var git = Process.Start(new ProcessStartInfo("git", ["rev-parse", "HEAD"])
            {
                WorkingDirectory = TestContext.CurrentContext.TestDirectory,
                RedirectStandardOutput = true,
                RedirectStandardError = true,
            })!;
            expected = git.StandardOutput.ReadToEnd().Trim();
            git.WaitForExit();
            Assume.That(git.ExitCode, Is.EqualTo(0), "git cannot read this checkout");
        }
        catch (System.ComponentModel.Win32Exception)
        {
            Assert.Ignore("git is not installed");
            return;
        }
        found.Should().Be(expected);
    }

    private static void Write(string path, string text)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllText(path, text);
    }
}
