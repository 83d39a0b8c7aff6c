package io.holdfast.host.inventory;

import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;
import org.xml.sax.InputSource;

import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilderFactory;
import java.io.StringReader;
import java.util.ArrayList;
import java.util.List;

/** Reads the disks out of a libvirt domain XML. Pure: no libvirt needed, table-tested. */
final class DomainXml {

    private DomainXml() {
    }

    /** The domain's disks of device {@code disk} backed by a file or block device, in XML order. */
    static List<InstanceDisk> disks(String xml) {
        try {
            DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
            factory.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
            factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
            Document doc = factory.newDocumentBuilder().parse(new InputSource(new StringReader(xml)));
            NodeList nodes = doc.getElementsByTagName("disk");
            List<InstanceDisk> disks = new ArrayList<>();
            for (int i = 0; i < nodes.getLength(); i++) {
                Element disk = (Element) nodes.item(i);
                if (!"disk".equals(disk.getAttribute("device")) && !disk.getAttribute("device").isEmpty()) {
                    continue;
                }
                Element source = child(disk, "source");
                Element target = child(disk, "target");
                Element driver = child(disk, "driver");
                if (source == null || target == null) {
                    continue;
                }
                String path = !source.getAttribute("file").isEmpty() ? source.getAttribute("file") : source.getAttribute("dev");
                if (path.isEmpty()) {
                    continue;
                }
                String format = driver == null || driver.getAttribute("type").isEmpty() ? "raw" : driver.getAttribute("type");
                disks.add(new InstanceDisk(target.getAttribute("dev"), path, format));
            }
            return disks;
        } catch (Exception e) {
            throw new InventoryException("cannot read the domain XML: " + e.getMessage(), e);
        }
    }

    private static Element child(Element parent, String name) {
        NodeList children = parent.getElementsByTagName(name);
        return children.getLength() == 0 ? null : (Element) children.item(0);
    }
}
