"""所有企业必到 in the window: campaigns and their coverage."""
