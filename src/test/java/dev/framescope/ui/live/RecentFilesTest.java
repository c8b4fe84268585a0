package dev.framescope.ui.live;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RecentFilesTest {

    @Test
    void newestFirstWithoutDuplicatesCappedAndPersisted(@TempDir Path dir) {
        RecentFiles recent = new RecentFiles(dir.resolve("state/recent.txt"));
        for (int i = 0; i < 12; i++) {
            recent.add(dir.resolve("s" + i + ".fscap"));
        }
        recent.add(dir.resolve("s5.fscap"));
        assertEquals(RecentFiles.MAX, recent.files().size());
        assertEquals(dir.resolve("s5.fscap"), recent.files().get(0));
        assertEquals(dir.resolve("s11.fscap"), recent.files().get(1));
        RecentFiles again = new RecentFiles(dir.resolve("state/recent.txt"));
        again.load();
        assertEquals(recent.files(), again.files());
    }

    @Test
    void anEarlierVersionsListIsReadUntilTheConfigDirectoryHasItsOwn(@TempDir Path dir) throws Exception {
        Path former = dir.resolve("home/.framescope/recent.txt");
        java.nio.file.Files.createDirectories(former.getParent());
        java.nio.file.Files.writeString(former, dir.resolve("old.fscap") + "\n");
        RecentFiles recent = new RecentFiles(dir.resolve("config/recent.txt"));
        recent.load(former);
        assertEquals(java.util.List.of(dir.resolve("old.fscap")), recent.files());

        recent.add(dir.resolve("new.fscap"));
        RecentFiles again = new RecentFiles(dir.resolve("config/recent.txt"));
        again.load(former);
        assertEquals(java.util.List.of(dir.resolve("new.fscap"), dir.resolve("old.fscap")), again.files(),
                "the new file, with the old list carried over, wins from then on");
    }

    @Test
    void theListLivesInTheConfigDirectoryAndTheFormerOneInTheHome() {
        assertEquals(Path.of("/cfg/recent.txt"), RecentFiles.storeIn(Path.of("/cfg")));
        assertEquals(Path.of("/home/u/.framescope/recent.txt"), RecentFiles.formerStore(Path.of("/home/u")));
    }
}
