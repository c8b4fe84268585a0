package dev.framescope.ui.live;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.framescope.engine.Environments;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The window's environments between runs: {@code environments.json} in the configuration directory, as
 * {@code {"version": 1, "active": "local", "environments": [ … ]}} in {@link Environments#toTree}'s shape with secret
 * values kept. Variables hold tokens, so the file is written whole and atomically (a temporary file moved over it)
 * and, where POSIX permissions exist, readable by its owner only. A file that cannot be used is set aside, never
 * overwritten.
 */
final class EnvironmentStore {

    static final String FILE_NAME = "environments.json";
    static final int VERSION = 1;

    /** What loading found: the environments, and what to tell the user when the file could not be used. */
    record Loaded(Environments environments, Optional<String> problem) {
    }

    /** Why the file's content cannot be used, with the line and column where JSON itself broke. */
    static final class UnreadableException extends Exception {
        UnreadableException(String message) {
            super(message);
        }
    }

    /** Made on first use: with no environments file (a first start) Jackson stays unloaded at start-up. */
    private static final class Json {
        static final ObjectMapper MAPPER = new ObjectMapper().enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);

        private Json() {
        }
    }

    private static final Set<PosixFilePermission> OWNER_ONLY = PosixFilePermissions.fromString("rw-------");
    private static final Set<PosixFilePermission> OWNER_ONLY_DIR = PosixFilePermissions.fromString("rwx------");
    private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss");

    private final Path file;
    /** Set when the file exists but could neither be read nor set aside: saving would destroy it. */
    private Optional<String> keepOut = Optional.empty();

    EnvironmentStore(Path file) {
        this.file = file.toAbsolutePath();
    }

    /** {@value #FILE_NAME} in the configuration directory ({@link ConfigDir}). */
    static EnvironmentStore inConfigDir(Path configDir) {
        return new EnvironmentStore(configDir.resolve(FILE_NAME));
    }

    Path file() {
        return file;
    }

    /**
     * The saved environments; none when there is no file. A file that is not valid is renamed to
     * {@code environments.json.corrupt-<timestamp>} and the problem names both files and the error.
     */
    Loaded load() {
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(file);
        } catch (NoSuchFileException e) {
            return new Loaded(Environments.NONE, Optional.empty());
        } catch (IOException e) {
            keepOut = Optional.of("it could not be read at start (" + e + ")");
            return new Loaded(Environments.NONE, Optional.of("Environments not loaded: cannot read " + file + " ("
                    + e + "); starting with none, and it will not be overwritten"));
        }
        try {
            return new Loaded(parse(bytes), Optional.empty());
        } catch (UnreadableException e) {
            return setAside(e.getMessage());
        }
    }

    /** Replaces the file with these environments, secret values included. */
    void save(Environments environments) throws IOException {
        if (keepOut.isPresent()) {
            throw new IOException("not overwriting " + file + ": " + keepOut.get());
        }
        Map<String, Object> tree = new LinkedHashMap<>();
        tree.put("version", VERSION);
        tree.putAll(environments.toTree(true));
        writeAtomically(Json.MAPPER.writerWithDefaultPrettyPrinter().writeValueAsBytes(tree));
    }

    /** Reads the file's bytes; anything that is not a version 1 environments file is unreadable. */
    static Environments parse(byte[] bytes) throws UnreadableException {
        JsonNode root;
        try {
            root = Json.MAPPER.readTree(bytes);
        } catch (JsonProcessingException e) {
            throw new UnreadableException("is not valid JSON: " + describe(e));
        } catch (IOException e) {
            throw new UnreadableException("cannot be parsed: " + e.getMessage());
        }
        if (root == null || root.isMissingNode()) {
            throw new UnreadableException("is empty (line 1, column 1)");
        }
        check(root);
        try {
            return Environments.fromTree(Json.MAPPER.convertValue(root, Map.class));
        } catch (IllegalArgumentException e) {
            throw new UnreadableException("holds an invalid environment: " + e.getMessage());
        }
    }

    /** The shape {@link Environments#fromTree} reads, checked strictly so nothing in the file is dropped unseen. */
    private static void check(JsonNode root) throws UnreadableException {
        if (!root.isObject()) {
            throw new UnreadableException("is a JSON " + root.getNodeType().name().toLowerCase(Locale.ROOT)
                    + ", not an object {\"version\": " + VERSION + ", \"environments\": [ … ]}");
        }
        JsonNode version = root.get("version");
        if (version != null && !(version.isIntegralNumber() && version.asLong() == VERSION)) {
            throw new UnreadableException("has \"version\": " + version + "; this Framescope reads version "
                    + VERSION);
        }
        JsonNode active = root.get("active");
        if (active != null && !active.isTextual() && !active.isNull()) {
            throw new UnreadableException("has \"active\": " + active + ", not an environment's name");
        }
        JsonNode all = root.get("environments");
        if (all == null) {
            return;
        }
        if (!all.isArray()) {
            throw new UnreadableException("has \"environments\" that is not a list");
        }
        Set<String> names = new HashSet<>();
        for (int i = 0; i < all.size(); i++) {
            JsonNode env = all.get(i);
            String where = "environments[" + i + "]";
            if (!env.isObject() || !env.path("name").isTextual() || env.get("name").asText().isBlank()) {
                throw new UnreadableException("has " + where + " without a \"name\"");
            }
            if (!names.add(env.get("name").asText())) {
                throw new UnreadableException("has two environments named '" + env.get("name").asText() + "'");
            }
            JsonNode variables = env.get("variables");
            if (variables != null && !variables.isArray()) {
                throw new UnreadableException("has " + where + ".variables that is not a list");
            }
            for (int j = 0; variables != null && j < variables.size(); j++) {
                JsonNode v = variables.get(j);
                if (!v.isObject() || !v.path("name").isTextual()
                        || v.has("value") && !v.get("value").isTextual() && !v.get("value").isNull()
                        || v.has("secret") && !v.get("secret").isBoolean()) {
                    throw new UnreadableException("has " + where + ".variables[" + j + "] that is not {\"name\": …, "
                            + "\"value\": …, \"secret\": true|false}");
                }
            }
        }
    }

    /** Jackson's message with its location as "line L, column C" (its own form names the source, redacted). */
    private static String describe(JsonProcessingException e) {
        String message = String.valueOf(e.getOriginalMessage())
                .replaceAll("\\[Source: [^;\\]]*; line: (\\d+), column: (\\d+)\\]", "line $1, column $2");
        JsonLocation at = e.getLocation();
        return at == null ? message : message + " at line " + at.getLineNr() + ", column " + at.getColumnNr();
    }

    /** Moves the unusable file out of the way, so that it is neither lost nor overwritten by the next save. */
    private Loaded setAside(String reason) {
        String base = file.getFileName() + ".corrupt-" + LocalDateTime.now().format(STAMP);
        Path kept = file.resolveSibling(base);
        for (int n = 2; Files.exists(kept); n++) {
            kept = file.resolveSibling(base + "-" + n);
        }
        try {
            Files.move(file, kept);
        } catch (IOException e) {
            keepOut = Optional.of("it " + reason + " and could not be set aside (" + e + ")");
            return new Loaded(Environments.NONE, Optional.of("Environments not loaded: " + file + " " + reason
                    + "; it could not be renamed (" + e + ") and will not be overwritten"));
        }
        return new Loaded(Environments.NONE, Optional.of("Environments not loaded: " + file + " " + reason
                + ". Kept it as " + kept.getFileName() + "; starting with no environments."));
    }

    /** A temporary file beside the target, owner-only from its creation, flushed, then moved over the target. */
    private void writeAtomically(byte[] bytes) throws IOException {
        Path dir = file.getParent();
        boolean posix = FileSystems.getDefault().supportedFileAttributeViews().contains("posix");
        if (!Files.isDirectory(dir)) {
            if (posix) {
                Files.createDirectories(dir, PosixFilePermissions.asFileAttribute(OWNER_ONLY_DIR));
            } else {
                Files.createDirectories(dir);
            }
        }
        Path temp = posix
                ? Files.createTempFile(dir, file.getFileName() + ".", ".tmp",
                        PosixFilePermissions.asFileAttribute(OWNER_ONLY))
                : Files.createTempFile(dir, file.getFileName() + ".", ".tmp");
        try {
            try (FileChannel out = FileChannel.open(temp, StandardOpenOption.WRITE)) {
                ByteBuffer buffer = ByteBuffer.wrap(bytes);
                while (buffer.hasRemaining()) {
                    out.write(buffer);
                }
                out.force(true);
            }
            Files.move(temp, file, StandardCopyOption.ATOMIC_MOVE);
        } finally {
            Files.deleteIfExists(temp);
        }
    }
}
