"""PersonaSense segmentation engine: io → features → model → evaluate → profile → naming → bundle."""
