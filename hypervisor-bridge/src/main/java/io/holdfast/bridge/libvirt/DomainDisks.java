package io.holdfast.bridge.libvirt;

import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;
import org.xml.sax.InputSource;

import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilderFactory;
import java.io.StringReader;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** The file-backed disks ({@code device='disk'}, {@code type='file'}) in a domain XML, in order. */
final class DomainDisks {

    private DomainDisks() {
    }

    static List<VmDisk> parse(String xml) {
        try {
            DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
            factory.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
            factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
            Document doc = factory.newDocumentBuilder().parse(new InputSource(new StringReader(xml)));
            NodeList devices = doc.getElementsByTagName("devices");
            if (devices.getLength() == 0) {
                return List.of();
            }
            NodeList nodes = ((Element) devices.item(0)).getElementsByTagName("disk");
            List<VmDisk> disks = new ArrayList<>();
            for (int i = 0; i < nodes.getLength(); i++) {
                Element disk = (Element) nodes.item(i);
                if (!"disk".equals(disk.getAttribute("device")) || !"file".equals(disk.getAttribute("type"))) {
                    continue;
                }
                Element source = first(disk, "source");
                Element target = first(disk, "target");
                Element driver = first(disk, "driver");
                if (source == null || target == null || source.getAttribute("file").isEmpty()) {
                    continue;
                }
                String format = driver == null || driver.getAttribute("type").isEmpty() ? "raw" : driver.getAttribute("type");
                disks.add(new VmDisk(target.getAttribute("dev"), Path.of(source.getAttribute("file")), format));
            }
            return disks;
        } catch (Exception e) {
            throw new HypervisorException("cannot read the domain XML: " + e.getMessage(), e);
        }
    }

    private static Element first(Element parent, String name) {
        NodeList children = parent.getElementsByTagName(name);
        return children.getLength() == 0 ? null : (Element) children.item(0);
    }
}
