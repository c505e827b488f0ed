"""PersonaSense segmentation engine.

Data flows one way: io → features → model → evaluate → profile → naming → bundle.
"""
