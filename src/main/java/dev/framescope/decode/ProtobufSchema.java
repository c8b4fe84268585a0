package dev.framescope.decode;

import com.google.protobuf.DescriptorProtos.FileDescriptorProto;
import com.google.protobuf.DescriptorProtos.FileDescriptorSet;
import com.google.protobuf.Descriptors;
import com.google.protobuf.Descriptors.Descriptor;
import com.google.protobuf.InvalidProtocolBufferException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A message type picked from a user's descriptor set ({@code protoc --include_imports --descriptor_set_out=FILE}):
 * what the typed protobuf decoder decodes payloads as.
 *
 * @param source   where the set came from (a file name), for labels
 * @param type     the message type
 */
public record ProtobufSchema(String source, Descriptor type) {

    /**
     * Builds every file of the set (dependencies first, by name) and finds the message type by its full name
     * ({@code pkg.Outer.Inner}, a leading dot allowed) or, when that is unambiguous, its simple name.
     *
     * @throws IllegalArgumentException naming what is wrong: not a descriptor set, a missing dependency (run protoc
     *                                  with {@code --include_imports}), an invalid file, an unknown type
     */
    public static ProtobufSchema load(String source, byte[] descriptorSet, String typeName) {
        FileDescriptorSet set;
        try {
            set = FileDescriptorSet.parseFrom(descriptorSet);
        } catch (InvalidProtocolBufferException e) {
            throw new IllegalArgumentException(source + " is not a FileDescriptorSet (protoc --descriptor_set_out): "
                    + e.getMessage(), e);
        }
        Map<String, FileDescriptorProto> protos = new HashMap<>();
        set.getFileList().forEach(f -> protos.put(f.getName(), f));
        Map<String, Descriptors.FileDescriptor> built = new HashMap<>();
        for (FileDescriptorProto f : set.getFileList()) {
            build(f.getName(), protos, built, new HashSet<>());
        }
        return new ProtobufSchema(source, find(built.values(), typeName, source));
    }

    /** Every message type in the set, by full name: what the GUI offers. */
    public static List<String> messageTypes(byte[] descriptorSet) {
        try {
            FileDescriptorSet set = FileDescriptorSet.parseFrom(descriptorSet);
            Map<String, FileDescriptorProto> protos = new HashMap<>();
            set.getFileList().forEach(f -> protos.put(f.getName(), f));
            Map<String, Descriptors.FileDescriptor> built = new HashMap<>();
            for (FileDescriptorProto f : set.getFileList()) {
                build(f.getName(), protos, built, new HashSet<>());
            }
            List<String> names = new ArrayList<>();
            for (Descriptors.FileDescriptor file : built.values()) {
                file.getMessageTypes().forEach(t -> collect(t, names));
            }
            names.sort(null);
            return names;
        } catch (InvalidProtocolBufferException e) {
            throw new IllegalArgumentException("not a FileDescriptorSet (protoc --descriptor_set_out): "
                    + e.getMessage(), e);
        }
    }

    public String label() {
        return type.getFullName() + " from " + source;
    }

    private static Descriptors.FileDescriptor build(String name, Map<String, FileDescriptorProto> protos,
                                                    Map<String, Descriptors.FileDescriptor> built, Set<String> visiting) {
        Descriptors.FileDescriptor done = built.get(name);
        if (done != null) {
            return done;
        }
        FileDescriptorProto proto = protos.get(name);
        if (proto == null) {
            throw new IllegalArgumentException("the descriptor set lacks " + name
                    + ", a dependency (run protoc with --include_imports)");
        }
        if (!visiting.add(name)) {
            throw new IllegalArgumentException("import cycle through " + name);
        }
        List<Descriptors.FileDescriptor> deps = new ArrayList<>();
        for (String dep : proto.getDependencyList()) {
            deps.add(build(dep, protos, built, visiting));
        }
        try {
            Descriptors.FileDescriptor file = Descriptors.FileDescriptor.buildFrom(proto,
                    deps.toArray(Descriptors.FileDescriptor[]::new));
            built.put(name, file);
            return file;
        } catch (Descriptors.DescriptorValidationException e) {
            throw new IllegalArgumentException(name + " is not a valid proto file: " + e.getMessage(), e);
        }
    }

    private static Descriptor find(Iterable<Descriptors.FileDescriptor> files, String typeName, String source) {
        String wanted = typeName.startsWith(".") ? typeName.substring(1) : typeName;
        List<Descriptor> all = new ArrayList<>();
        for (Descriptors.FileDescriptor file : files) {
            file.getMessageTypes().forEach(t -> collectTypes(t, all));
        }
        for (Descriptor d : all) {
            if (d.getFullName().equals(wanted)) {
                return d;
            }
        }
        List<Descriptor> bySimpleName = all.stream().filter(d -> d.getName().equals(wanted)).toList();
        if (bySimpleName.size() == 1) {
            return bySimpleName.get(0);
        }
        List<String> names = all.stream().map(Descriptor::getFullName).sorted().toList();
        throw new IllegalArgumentException((bySimpleName.isEmpty() ? "no message type '" : "ambiguous type '")
                + typeName + "' in " + source + "; it has: " + String.join(", ", names));
    }

    private static void collectTypes(Descriptor d, List<Descriptor> into) {
        into.add(d);
        d.getNestedTypes().forEach(n -> collectTypes(n, into));
    }

    private static void collect(Descriptor d, List<String> into) {
        if (!d.getOptions().getMapEntry()) {
            into.add(d.getFullName());
        }
        d.getNestedTypes().forEach(n -> collect(n, into));
    }
}
