package io.connectops.load;

import java.util.List;

import io.connectops.model.Diagnostic;
import io.connectops.model.KafkaResource;

/**
 * Reads the documents of a kind added as a plug-in (io.connectops.kinds): its native form and the foreign forms that
 * declare it (a Strimzi KafkaUser's {@code spec.quotas}). Problems go to the document (file, line, key); warnings to
 * {@code warnings}.
 */
public interface DocumentReader {
    /** Whether it reads documents of this apiVersion and kind (several readers may read one document). */
    boolean reads(String apiVersion, String kind);

    /** The resources the document declares: none, one or several. */
    List<KafkaResource> read(Fields doc, List<Diagnostic> warnings);

    /** The native kinds it reads, for the "unknown kind" error's list. */
    default List<String> nativeKinds() {
        return List.of();
    }
}
