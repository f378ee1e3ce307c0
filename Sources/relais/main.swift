print("relais")
