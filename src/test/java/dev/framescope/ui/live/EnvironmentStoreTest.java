package dev.framescope.ui.live;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.framescope.engine.Environment;
import dev.framescope.engine.Environments;
import dev.framescope.engine.Variables.Variable;
import java.io.IOException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EnvironmentStoreTest {

    private static final Environments TWO = new Environments(List.of(
            new Environment("local", List.of(new Variable("host", "localhost:8080", false),
                    new Variable("token", "t0k-local", true))),
            new Environment("staging", List.of(new Variable("token", "t0k-staging", true),
                    new Variable("url", "wss://{{host}}/ws", false)))),
            Optional.of("staging"));

    @TempDir
    Path dir;

    private Path file() {
        return dir.resolve("framescope").resolve(EnvironmentStore.FILE_NAME);
    }

    @Test
    void roundTripKeepsVariablesSecretFlagsSecretValuesAndTheActiveEnvironment() throws IOException {
        new EnvironmentStore(file()).save(TWO);
        EnvironmentStore.Loaded loaded = new EnvironmentStore(file()).load();
        assertEquals(Optional.empty(), loaded.problem());
        assertEquals(TWO, loaded.environments());
        assertTrue(loaded.environments().all().get(0).variables().get(1).secret(), "the secret flag");
        assertEquals("t0k-local", loaded.environments().all().get(0).variables().get(1).value(),
                "secret values are kept: the file is the only place they live");
        assertEquals(Optional.of("staging"), loaded.environments().active());
    }

    @Test
    void theFileIsVersionedJsonInTheWindowsEnvironmentsShape() throws IOException {
        new EnvironmentStore(file()).save(TWO);
        JsonNode root = new ObjectMapper().readTree(file().toFile());
        assertEquals(1, root.get("version").asInt());
        assertEquals("staging", root.get("active").asText());
        JsonNode token = root.get("environments").get(0).get("variables").get(1);
        assertEquals("token", token.get("name").asText());
        assertTrue(token.get("secret").asBoolean());
        assertEquals(TWO, Environments.fromTree(new ObjectMapper().convertValue(root, java.util.Map.class)),
                "the CLI's --env reads the same tree");
    }

    @Test
    void noFileMeansNoEnvironmentsAndLoadingCreatesNothing() {
        EnvironmentStore.Loaded loaded = new EnvironmentStore(file()).load();
        assertEquals(Environments.NONE, loaded.environments());
        assertEquals(Optional.empty(), loaded.problem());
        assertFalse(Files.exists(dir.resolve("framescope")));
    }

    @Test
    void savingReplacesTheFileByRenameAndLeavesNoTemporaryFile() throws IOException {
        EnvironmentStore store = new EnvironmentStore(file());
        store.save(TWO);
        Object firstInode = inode(file());
        store.save(TWO.withActive(Optional.empty()));
        try (Stream<Path> files = Files.list(file().getParent())) {
            assertEquals(List.of(EnvironmentStore.FILE_NAME),
                    files.map(p -> p.getFileName().toString()).toList());
        }
        assertEquals(Optional.empty(), new EnvironmentStore(file()).load().environments().active());
        if (firstInode != null) {
            assertNotEquals(firstInode, inode(file()), "a new file moved over the old one, not rewritten in place");
        }
    }

    @Test
    void aFailedSaveLeavesTheTargetAloneAndNoTemporaryFile() throws IOException {
        Files.createDirectories(file().resolve("in-the-way"));
        assertThrows(IOException.class, () -> new EnvironmentStore(file()).save(TWO));
        try (Stream<Path> files = Files.list(file().getParent())) {
            assertEquals(List.of(EnvironmentStore.FILE_NAME), files.map(p -> p.getFileName().toString()).toList());
        }
        assertTrue(Files.isDirectory(file().resolve("in-the-way")));
    }

    @Test
    void theFileIsOwnerOnlyWherePosixPermissionsExist() throws IOException {
        assumeTrue(FileSystems.getDefault().supportedFileAttributeViews().contains("posix"));
        new EnvironmentStore(file()).save(TWO);
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(file())));
        assertEquals("rwx------", PosixFilePermissions.toString(Files.getPosixFilePermissions(file().getParent())),
                "the directory we created");

        Files.setPosixFilePermissions(file(), PosixFilePermissions.fromString("rw-r--r--"));
        new EnvironmentStore(file()).save(TWO);
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(file())),
                "a file someone opened up is replaced by an owner-only one");
    }

    @Test
    void aTruncatedFileIsSetAsideAndReportedWithLineAndColumn() throws IOException {
        new EnvironmentStore(file()).save(TWO);
        String whole = Files.readString(file());
        String truncated = whole.substring(0, whole.indexOf("t0k-staging"));
        Files.writeString(file(), truncated);
        int lines = (int) truncated.lines().count();

        EnvironmentStore.Loaded loaded = new EnvironmentStore(file()).load();

        assertEquals(Environments.NONE, loaded.environments());
        String problem = loaded.problem().orElseThrow();
        assertTrue(problem.contains(file().toString()), problem);
        assertTrue(problem.contains("line " + lines + ", column "), "line " + lines + ": " + problem);
        assertTrue(problem.contains("end-of-input"), problem);
        assertFalse(Files.exists(file()), "renamed, so the next save cannot overwrite it");
        Path kept = corruptFiles().get(0);
        assertTrue(problem.contains(kept.getFileName().toString()), problem);
        assertTrue(kept.getFileName().toString().matches("environments\\.json\\.corrupt-\\d{8}-\\d{6}"),
                kept.toString());
        assertEquals(truncated, Files.readString(kept), "the corrupt file is kept as it was");

        new EnvironmentStore(file()).save(Environments.NONE);
        assertEquals(1, corruptFiles().size(), "saving afterwards leaves the corrupt copy alone");
    }

    @Test
    void garbageAfterTheObjectAndAnEmptyFileAreCorruptToo() throws IOException {
        Files.createDirectories(file().getParent());
        Files.writeString(file(), "{\"version\": 1, \"environments\": []}\n}x");
        String problem = new EnvironmentStore(file()).load().problem().orElseThrow();
        assertTrue(problem.contains("line 2, column "), problem);

        Files.write(file(), new byte[0]);
        problem = new EnvironmentStore(file()).load().problem().orElseThrow();
        assertTrue(problem.contains("is empty"), problem);
        assertEquals(2, corruptFiles().size(), "two different corrupt files, both kept");
    }

    @Test
    void unknownFieldsAreIgnored() throws IOException {
        Files.createDirectories(file().getParent());
        Files.writeString(file(), """
                {"version": 1, "savedBy": "Framescope 9", "active": "local",
                 "environments": [{"name": "local", "colour": "green",
                   "variables": [{"name": "token", "value": "abc", "secret": true, "note": "x"}]}]}
                """);
        EnvironmentStore.Loaded loaded = new EnvironmentStore(file()).load();
        assertEquals(Optional.empty(), loaded.problem());
        assertEquals(new Environments(List.of(new Environment("local", List.of(new Variable("token", "abc", true)))),
                Optional.of("local")), loaded.environments());
    }

    @Test
    void validJsonOfTheWrongShapeOrVersionIsSetAsideNotDroppedPieceByPiece() throws IOException {
        Files.createDirectories(file().getParent());
        String[][] cases = {
            {"{\"version\": 2, \"environments\": []}", "version"},
            {"[1, 2]", "not an object"},
            {"{\"version\": 1, \"environments\": [\"local\"]}", "environments[0]"},
            {"{\"version\": 1, \"environments\": [{\"name\": \"a\", \"variables\": {\"x\": 1}}]}", "not a list"},
            {"{\"version\": 1, \"environments\": [{\"name\": \"a\", \"variables\": [{\"name\": \"bad name\"}]}]}",
                "bad name"},
            {"{\"version\": 1, \"environments\": [{\"name\": \"a\"}, {\"name\": \"a\"}]}", "two environments"},
        };
        for (String[] c : cases) {
            Files.writeString(file(), c[0]);
            EnvironmentStore.Loaded loaded = new EnvironmentStore(file()).load();
            assertEquals(Environments.NONE, loaded.environments(), c[0]);
            assertTrue(loaded.problem().orElseThrow().contains(c[1]), loaded.problem().get());
            assertFalse(Files.exists(file()), c[0]);
        }
        assertEquals(cases.length, corruptFiles().size());
    }

    @Test
    void aFileThatCannotBeReadIsNeverOverwritten() throws IOException {
        // A directory in the file's place cannot be read by anyone, root included (file modes do not stop root).
        Files.createDirectories(file());
        Path inside = Files.writeString(file().resolve("keep.txt"), "mine");
        EnvironmentStore store = new EnvironmentStore(file());
        assertTrue(store.load().problem().orElseThrow().contains("cannot read"), store.load().problem().get());
        assertThrows(IOException.class, () -> store.save(TWO));
        assertTrue(Files.isDirectory(file()));
        assertEquals("mine", Files.readString(inside));
    }

    private List<Path> corruptFiles() throws IOException {
        try (Stream<Path> files = Files.list(file().getParent())) {
            return files.filter(p -> p.getFileName().toString().startsWith(EnvironmentStore.FILE_NAME + ".corrupt-"))
                    .sorted().toList();
        }
    }

    private static Object inode(Path file) throws IOException {
        return FileSystems.getDefault().supportedFileAttributeViews().contains("unix")
                ? Files.getAttribute(file, "unix:ino") : null;
    }
}
