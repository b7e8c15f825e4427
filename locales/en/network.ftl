## network texts (en)
