package io.connectops.operator;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import io.connectops.load.DeclarationLoader;
import io.connectops.load.InputFiles;
import io.connectops.model.InvalidInputException;
import io.connectops.operator.crd.ConnectorResource;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import org.junit.jupiter.api.Test;

class ResourceDocumentsTest {
    @Test
    void aConnectorWithoutSpecIsRefusedByNameNotACrashOfTheSnapshot() {
        ConnectorResource empty = new ConnectorResource();
        empty.setMetadata(new ObjectMetaBuilder().withName("empty").withNamespace("team-a").build());
        String document = ResourceDocuments.document(empty); // threw a NullPointerException at every tick before
        InvalidInputException refused = assertThrows(InvalidInputException.class,
                () -> DeclarationLoader.load(List.of(new InputFiles.Input("team-a/Connector/empty", document))));
        assertTrue(refused.getMessage().contains("team-a/Connector/empty"), refused.getMessage());
    }
}
