package io.holdfast.bridge.libvirt;

import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.w3c.dom.NodeList;
import org.xml.sax.InputSource;

import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.transform.OutputKeys;
import javax.xml.transform.TransformerFactory;
import javax.xml.transform.dom.DOMSource;
import javax.xml.transform.stream.StreamResult;
import java.io.StringReader;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Turns a saved domain XML into the definition of a new, independent domain: a new name, no UUID (libvirt
 * makes one), no MAC addresses (libvirt makes new ones, so the copy can run beside the original), no
 * security labels, and each restored disk pointing at its new image (qcow2). A file-backed disk that was
 * not restored is dropped: the copy must never share an image with the original.
 */
public final class NewInstanceXml {

    private NewInstanceXml() {
    }

    /** @param images the new image of each restored disk, by target device name (e.g. {@code vda}) */
    public static String rewrite(String savedXml, String newName, Map<String, Path> images) {
        try {
            DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
            factory.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
            factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
            Document doc = factory.newDocumentBuilder().parse(new InputSource(new StringReader(savedXml)));
            Element domain = doc.getDocumentElement();
            removeAll(domain, "uuid", true);
            removeAll(domain, "seclabel", false);
            Element name = child(domain, "name");
            if (name == null) {
                name = doc.createElement("name");
                domain.insertBefore(name, domain.getFirstChild());
            }
            name.setTextContent(newName);
            Element devices = child(domain, "devices");
            if (devices != null) {
                for (Element iface : children(devices, "interface")) {
                    removeAll(iface, "mac", true);
                    removeAll(iface, "target", true); // the host-side tap name is per running domain
                }
                for (Element disk : children(devices, "disk")) {
                    if (!"disk".equals(disk.getAttribute("device")) || !"file".equals(disk.getAttribute("type"))) {
                        continue;
                    }
                    Element target = child(disk, "target");
                    Path image = target == null ? null : images.get(target.getAttribute("dev"));
                    if (image == null) {
                        devices.removeChild(disk);
                        continue;
                    }
                    Element source = child(disk, "source");
                    if (source == null) {
                        source = doc.createElement("source");
                        disk.appendChild(source);
                    }
                    source.setAttribute("file", image.toString());
                    Element driver = child(disk, "driver");
                    if (driver == null) {
                        driver = doc.createElement("driver");
                        driver.setAttribute("name", "qemu");
                        disk.appendChild(driver);
                    }
                    driver.setAttribute("type", "qcow2");
                    removeAll(disk, "backingStore", true);
                }
            }
            StringWriter out = new StringWriter();
            var transformer = TransformerFactory.newInstance().newTransformer();
            transformer.setOutputProperty(OutputKeys.OMIT_XML_DECLARATION, "yes");
            transformer.transform(new DOMSource(doc), new StreamResult(out));
            return out.toString();
        } catch (Exception e) {
            throw new HypervisorException("cannot rewrite the saved domain XML for a new instance: " + e.getMessage(), e);
        }
    }

    private static Element child(Element parent, String name) {
        List<Element> found = children(parent, name);
        return found.isEmpty() ? null : found.getFirst();
    }

    private static List<Element> children(Element parent, String name) {
        List<Element> found = new ArrayList<>();
        NodeList nodes = parent.getChildNodes();
        for (int i = 0; i < nodes.getLength(); i++) {
            if (nodes.item(i) instanceof Element e && e.getTagName().equals(name)) {
                found.add(e);
            }
        }
        return found;
    }

    private static void removeAll(Element parent, String name, boolean directChildrenOnly) {
        List<Node> doomed = new ArrayList<>();
        if (directChildrenOnly) {
            doomed.addAll(children(parent, name));
        } else {
            NodeList all = parent.getElementsByTagName(name);
            for (int i = 0; i < all.getLength(); i++) {
                doomed.add(all.item(i));
            }
        }
        doomed.forEach(n -> n.getParentNode().removeChild(n));
    }
}
