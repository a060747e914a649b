package io.connectops.dist;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import javax.xml.parsers.DocumentBuilderFactory;

import org.junit.jupiter.api.Test;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;

/**
 * The image Jib builds, the image deploy/ runs, and the installer image the operator gives the workers are one name
 * and one tag: this build's version, never a moving tag such as latest. A release that bumps the version and
 * forgets deploy/ fails here.
 */
class ImageReferencesTest {
    private static final Path REPO = Path.of("..").toAbsolutePath().normalize();
    private static final String VERSION = System.getProperty("project.version");

    @Test
    void jibDeployAndTheOperatorsInstallerNameTheSameVersionedImage() throws Exception {
        String built = jibImage().replace("${project.version}", VERSION);
        assertEquals("connectops/connectops:" + VERSION, built);

        JsonNode deployment = new ObjectMapper(new YAMLFactory()).readTree(REPO.resolve("deploy/base/deployment.yaml").toFile());
        JsonNode container = deployment.at("/spec/template/spec/containers/0");
        assertEquals(built, container.get("image").asText(), "deploy/base/deployment.yaml: the operator's image");
        String installer = null;
        for (JsonNode env : container.get("env")) {
            if (env.get("name").asText().equals("CONNECTOPS_IMAGE")) {
                installer = env.get("value").asText();
            }
        }
        assertEquals(built, installer, "deploy/base/deployment.yaml: CONNECTOPS_IMAGE, the workers' plugin installer");
        assertEquals(built, io.connectops.operator.Operator.DEFAULT_INSTALLER_IMAGE, "the operator's default installer image");
    }

    @Test
    void nothingUnderDeployNamesAMovingTag() throws Exception {
        List<String> moving = new ArrayList<>();
        try (Stream<Path> files = Files.walk(REPO.resolve("deploy"))) {
            for (Path file : files.filter(Files::isRegularFile).toList()) {
                List<String> lines = Files.readAllLines(file);
                for (int i = 0; i < lines.size(); i++) {
                    if (lines.get(i).matches(".*connectops/connectops(:latest)?\\s*($|#.*)") || lines.get(i).contains("connectops:latest")) {
                        moving.add(REPO.relativize(file) + ":" + (i + 1) + ": " + lines.get(i).trim());
                    }
                }
            }
        }
        assertTrue(moving.isEmpty(), "images without a version: " + moving);
    }

    /** The {@code <to><image>} of the jib-maven-plugin in cli/pom.xml, as written (with ${project.version}). */
    private static String jibImage() throws Exception {
        var factory = DocumentBuilderFactory.newInstance();
        factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
        var pom = factory.newDocumentBuilder().parse(REPO.resolve("cli/pom.xml").toFile());
        NodeList plugins = pom.getElementsByTagName("plugin");
        for (int i = 0; i < plugins.getLength(); i++) {
            Element plugin = (Element) plugins.item(i);
            if (plugin.getElementsByTagName("artifactId").item(0).getTextContent().equals("jib-maven-plugin")) {
                Element to = (Element) plugin.getElementsByTagName("to").item(0);
                return to.getElementsByTagName("image").item(0).getTextContent().trim();
            }
        }
        throw new AssertionError("cli/pom.xml has no jib-maven-plugin");
    }

    @Test
    void theTestReadsTheRealFiles() {
        assertFalse(VERSION == null || VERSION.isBlank(), "the build passes project.version");
        assertTrue(Files.exists(REPO.resolve("cli/pom.xml")), "run from dist/ in the checkout: " + REPO);
    }
}
