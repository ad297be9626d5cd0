print("chuangwen")
